/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_CLOUDLET_APP_H
#define MEC_PFM_CLOUDLET_APP_H

#include "block-pull-header.h"
#include "pfm-site-app.h"

#include "ns3/nstime.h"

#include <deque>
#include <map>
#include <set>
#include <vector>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief A cloudlet: a block store with a capacity, a pull manager, and a serving site.
 *
 * The pull manager fetches from the repository only the blocks the plan holds here and
 * the store lacks; a block shared by several models is pulled once, and any further need
 * for a block already in flight waits for that pull (coalescing). On SetPlannedBlocks the
 * store evicts only the blocks the new plan no longer needs. A request for a model whose
 * blocks are still arriving waits for them (its wait-for-model part), then queues.
 */
class CloudletApp : public PfmSiteApp
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    CloudletApp();

    /** \param addr the repository's address */
    void SetRepository(Ipv4Address addr);
    /**
     * \brief The blocks the current plan holds here: evicts what is no longer needed and
     * (once running) pulls what is missing.
     * \param blocks block indices
     */
    void SetPlannedBlocks(const std::vector<uint32_t>& blocks);
    /**
     * \brief Make sure a block is (or will be) here; pulls it unless stored or in flight.
     * \param block block index
     */
    void EnsureBlock(uint32_t block);
    /** \param block block index \return true if stored */
    bool HasBlock(uint32_t block) const;
    /** \return bytes received by pulls */
    uint64_t GetPulledBytes() const;
    /** \return number of pulls started */
    uint32_t GetPullsStarted() const;
    /** \return bytes stored */
    double GetStoredBytes() const;
    /** \return time the last pull completed (zero if none) */
    Time GetLastPullTime() const;

  protected:
    void DoDispose() override;
    void StartApplication() override;
    void WaitForModel(uint32_t model, Callback<void> done) override;

  private:
    /// One pull in flight.
    struct Pull
    {
        uint32_t block{0}; //!< block
        uint64_t bytes{0}; //!< expected
        uint64_t got{0};   //!< received
        Time started;      //!< start
    };

    /// A request waiting for its model.
    struct Waiter
    {
        uint32_t model{0};   //!< model
        Callback<void> done; //!< continuation
    };

    void PumpPulls();
    void StartPull(uint32_t block);
    void PullConnected(Ptr<Socket> s);
    void PullFailed(Ptr<Socket> s);
    void PullRead(Ptr<Socket> s);
    void BlockArrived(uint32_t block);
    bool ModelPresent(uint32_t model) const;
    bool MakeRoom(double bytes);

    Ipv4Address m_repo;                                    //!< repository address
    uint16_t m_pullPort;                                   //!< repository pull port
    uint32_t m_maxPulls;                                   //!< concurrent pulls
    uint32_t m_rcvBuf;                                     //!< pull socket receive buffer
    double m_capacity;                                     //!< storage bytes (from the scenario)
    std::set<uint32_t> m_stored;                           //!< stored blocks
    std::set<uint32_t> m_planned;                          //!< blocks the plan holds here
    std::set<uint32_t> m_inFlight;                         //!< pulls queued or running
    std::deque<uint32_t> m_pending;                        //!< pulls queued
    std::map<Ptr<Socket>, Pull> m_pulls;                   //!< pulls running
    std::vector<Waiter> m_waiters;                         //!< requests waiting for a model
    uint64_t m_pulledBytes;                                //!< received
    uint32_t m_pullsStarted;                               //!< started
    uint32_t m_refused;                                    //!< pulls refused for lack of room
    Time m_lastPull;                                       //!< last pull completion
    bool m_running;                                        //!< started
    TracedCallback<uint32_t, uint64_t> m_pullStartedTrace; //!< PullStarted
    TracedCallback<uint32_t, uint64_t, Time> m_pullCompletedTrace; //!< PullCompleted
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_CLOUDLET_APP_H */
