/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "feature-source.h"

namespace ns3
{
namespace mecpfm
{

FeatureSource::~FeatureSource() = default;

double
FeatureSource::GetPrior(uint32_t) const
{
    return 0;
}

} // namespace mecpfm
} // namespace ns3
