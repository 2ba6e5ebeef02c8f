/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_SITE_STATE_VIEW_H
#define MEC_PFM_SITE_STATE_VIEW_H

#include <cstdint>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief The live state of the serving sites, as the online admission reads it: what is
 * stored, pulled and queued where. The replay environment (OnlineReplay) and the packet-level
 * controller each implement it over their own state, so that ContextFeatures and the
 * policies are the same code in both modes.
 */
class SiteStateView
{
  public:
    virtual ~SiteStateView();
    /**
     * \param site a site
     * \param model a model
     * \return bytes of the model's blocks stored at the site now (its total at the DC)
     */
    virtual double GetResidentBytes(uint32_t site, uint32_t model) const = 0;
    /**
     * \param site a site
     * \return bytes of the pulls queued or under way to the site
     */
    virtual double GetPendingPullBytes(uint32_t site) const = 0;
    /**
     * \param site a site
     * \return pulls queued or under way to the site
     */
    virtual uint32_t GetPullsInFlight(uint32_t site) const = 0;
    /**
     * \param site a site
     * \return requests waiting for a server or in service at the site
     */
    virtual uint32_t GetQueueLength(uint32_t site) const = 0;
    /**
     * \param site a site
     * \return servers busy at the site
     */
    virtual uint32_t GetBusyServers(uint32_t site) const = 0;
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_SITE_STATE_VIEW_H */
