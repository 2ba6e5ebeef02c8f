/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "feature-source.h"

namespace ns3
{
namespace mecpfm
{

FeatureSource::~FeatureSource() = default;

} // namespace mecpfm
} // namespace ns3
