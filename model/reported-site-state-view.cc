/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "reported-site-state-view.h"

#include "ns3/log.h"

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("ReportedSiteStateView");

bool
SiteStateReport::SameState(const SiteStateReport& other) const
{
    return site == other.site && queueLength == other.queueLength &&
           busyServers == other.busyServers && pullsInFlight == other.pullsInFlight &&
           stored == other.stored && pullPending == other.pullPending;
}

ReportedSiteStateView::ReportedSiteStateView(const PlanningProblem& problem)
    : m_problem(problem)
{
}

bool
ReportedSiteStateView::Update(const SiteStateReport& report)
{
    auto it = m_reports.find(report.site);
    if (it != m_reports.end() && report.stamp <= it->second.stamp)
    {
        NS_LOG_LOGIC("report of site " << report.site << " taken at " << report.stamp
                                       << " is not newer than the one held");
        return false;
    }
    m_reports[report.site] = report;
    return true;
}

const SiteStateReport*
ReportedSiteStateView::GetReport(uint32_t site) const
{
    auto it = m_reports.find(site);
    return it == m_reports.end() ? nullptr : &it->second;
}

double
ReportedSiteStateView::GetResidentBytes(uint32_t site, uint32_t model) const
{
    const auto& cat = m_problem.GetCatalogue();
    if (m_problem.IsDc(site))
    {
        return cat.GetModelBytes(model); // the DC holds every block
    }
    const SiteStateReport* r = GetReport(site);
    // The same sum, in the same order, as the controller's live read (bit-identical).
    double bytes = 0;
    for (uint32_t b : cat.GetModels()[model].blocks)
    {
        const bool has = r ? (b < r->stored.size() && r->stored[b]) : m_problem.IsResident(site, b);
        bytes += has ? cat.GetBlocks()[b].bytes : 0.0;
    }
    return bytes;
}

double
ReportedSiteStateView::GetPendingPullBytes(uint32_t site) const
{
    const SiteStateReport* r = GetReport(site);
    if (!r || m_problem.IsDc(site))
    {
        return 0;
    }
    const auto& blocks = m_problem.GetCatalogue().GetBlocks();
    double bytes = 0;
    for (uint32_t b = 0; b < blocks.size(); ++b)
    {
        bytes += b < r->pullPending.size() && r->pullPending[b] ? blocks[b].bytes : 0.0;
    }
    return bytes;
}

uint32_t
ReportedSiteStateView::GetPullsInFlight(uint32_t site) const
{
    const SiteStateReport* r = GetReport(site);
    return r ? r->pullsInFlight : 0;
}

uint32_t
ReportedSiteStateView::GetQueueLength(uint32_t site) const
{
    const SiteStateReport* r = GetReport(site);
    return r ? r->queueLength : 0;
}

uint32_t
ReportedSiteStateView::GetBusyServers(uint32_t site) const
{
    const SiteStateReport* r = GetReport(site);
    return r ? r->busyServers : 0;
}

} // namespace mecpfm
} // namespace ns3
