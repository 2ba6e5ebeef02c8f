/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "cost-model.h"

#include "ns3/log.h"

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("CostModel");

double
CostModel::GetCost(const CostUsage& u) const
{
    return u.pulledBytes / 1e9 * backhaulPerGb + u.edgeFlops / 1e15 * edgePerPflop +
           u.dcFlops / 1e15 * dcPerPflop +
           u.heldBytes / 1e9 * u.horizonS / 3600.0 * storagePerGbHour;
}

} // namespace mecpfm
} // namespace ns3
