/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "site-state-view.h"

namespace ns3
{
namespace mecpfm
{

SiteStateView::~SiteStateView() = default;

} // namespace mecpfm
} // namespace ns3
