/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_REPORTED_SITE_STATE_VIEW_H
#define MEC_PFM_REPORTED_SITE_STATE_VIEW_H

#include "planning-problem.h"
#include "site-state-view.h"

#include "ns3/nstime.h"

#include <cstdint>
#include <map>
#include <vector>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief One site's state as the site took it at one instant: what a SiteStateHeader
 * carries (doc/mpi.rst, "Decisions and state across ranks").
 *
 * The blocks are sent as two bitmaps (stored, pulls queued or under way) rather than bytes
 * per model: the receiver computes the bytes with the same sums as a live read, so a report
 * taken at the instant of a decision gives the decision exactly what a live read gives.
 */
struct SiteStateReport
{
    uint32_t site{0};              //!< the reporting site
    Time stamp;                    //!< when the site took the report
    uint32_t queueLength{0};       //!< requests waiting for a server or in service
    uint32_t busyServers{0};       //!< servers busy
    uint32_t pullsInFlight{0};     //!< pulls queued or under way to the site
    std::vector<bool> stored;      //!< per block: stored (empty at the DC, which holds all)
    std::vector<bool> pullPending; //!< per block: pull queued or under way (as stored)

    /**
     * \param other another report
     * \return true if both describe the same state (the stamps aside)
     */
    bool SameState(const SiteStateReport& other) const;
};

/**
 * \ingroup mec-pfm
 * \brief A SiteStateView that answers from the last SiteStateReport received from each
 * site: what a decision maker knows of the sites it cannot read directly (another rank's,
 * or any remote site when the controller's StateView is "reports").
 *
 * A report older than the one held (by stamp) is ignored. A site not heard from yet is
 * answered with its state at the start of the run, which the scenario gives: empty queues
 * and pulls, its resident blocks stored.
 */
class ReportedSiteStateView : public SiteStateView
{
  public:
    /** \param problem the problem (catalogue, the sites' resident blocks); kept by reference */
    explicit ReportedSiteStateView(const PlanningProblem& problem);

    /**
     * \param report a report received
     * \return true if it replaced the site's report (false: not newer than the one held)
     */
    bool Update(const SiteStateReport& report);
    /**
     * \param site a site
     * \return its last report, or nullptr if none arrived
     */
    const SiteStateReport* GetReport(uint32_t site) const;

    double GetResidentBytes(uint32_t site, uint32_t model) const override;
    double GetPendingPullBytes(uint32_t site) const override;
    uint32_t GetPullsInFlight(uint32_t site) const override;
    uint32_t GetQueueLength(uint32_t site) const override;
    uint32_t GetBusyServers(uint32_t site) const override;

  private:
    const PlanningProblem& m_problem;              //!< problem
    std::map<uint32_t, SiteStateReport> m_reports; //!< last report by site
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_REPORTED_SITE_STATE_VIEW_H */
