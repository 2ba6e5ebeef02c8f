/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "objective-weights.h"

#include "ns3/log.h"

#include <cmath>
#include <sstream>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("ObjectiveWeights");

bool
ObjectiveWeights::IsZero() const
{
    return accuracyWeight == 0 && costWeight == 0;
}

double
ObjectiveWeights::Combine(double totalDelayS, double cost, double accuracySum) const
{
    return totalDelayS + costWeight * cost - accuracyWeight * accuracySum;
}

std::string
ObjectiveWeights::Validate(double w, const std::string& name)
{
    if (std::isfinite(w) && w >= 0)
    {
        return "";
    }
    std::ostringstream os;
    os << name << " must be a finite number >= 0, got " << w;
    return os.str();
}

} // namespace mecpfm
} // namespace ns3
