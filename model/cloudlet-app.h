/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_CLOUDLET_APP_H
#define MEC_PFM_CLOUDLET_APP_H

#include "block-pull-client.h"
#include "block-store.h"
#include "pfm-site-app.h"

#include <vector>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief A cloudlet: a serving site (PfmSiteApp) with a BlockStore (its storage) and a
 * BlockPullClient (pulls from the repository).
 *
 * The cloudlet pulls only the blocks the plan holds here and the store lacks; a block
 * shared by several models is pulled once, and any further need for a block already on
 * its way waits for that pull (the pull client coalesces). On SetPlannedBlocks the store
 * pins the new plan's blocks and evicts the stored blocks that are neither planned nor
 * needed by a request (BlockStore's rule). A request for a model whose blocks are still
 * arriving waits for them (its wait-for-model part), then queues for a server. If a block
 * it waits for cannot come (no room for it even after eviction, or its pull failed), the
 * request fails at once with that reason (NO_ROOM, PULL_FAILED) instead of waiting for
 * the client's timeout.
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
     * \brief Make sure a block is (or will be) here; pulls it unless stored or coming.
     * \param block block index
     */
    void EnsureBlock(uint32_t block);
    /** \param block block index \return true if stored */
    bool HasBlock(uint32_t block) const;
    /** \return the block store */
    Ptr<BlockStore> GetBlockStore() const;
    /** \return the pull client */
    Ptr<BlockPullClient> GetPullClient() const;
    /**
     * \brief The cloudlet's node went down: besides the requests it held (PfmSiteApp), its
     * pulls are aborted and its storage is lost (every block, resident ones too).
     */
    void SetDown() override;
    /**
     * \brief The node is back with empty storage: the blocks of its current plan are pulled
     * again (pinned as before); other blocks come as requests need them.
     */
    void SetUp() override;
    /**
     * \brief Besides the queue (PfmSiteApp): the blocks stored, the blocks whose pulls are
     * queued or under way, and the pulls' count.
     * \return the report, stamped now
     */
    SiteStateReport GetStateReport() const override;

  protected:
    void DoDispose() override;
    void StartApplication() override;
    void StopApplication() override;
    void WaitForModel(uint32_t model,
                      Callback<void> ready,
                      Callback<void, FailureReason> failed) override;
    void RequestLeft(uint32_t model) override;

  private:
    /// A request waiting for its model.
    struct Waiter
    {
        uint32_t model{0};                    //!< model
        Callback<void> ready;                 //!< continuation
        Callback<void, FailureReason> failed; //!< continuation on failure
    };

    /** \param model model index \return its blocks */
    const std::vector<uint32_t>& ModelBlocks(uint32_t model) const;
    /** \param block block index \return room reserved in the store? */
    bool Admit(uint32_t block);
    /** \param block a block that arrived */
    void BlockArrived(uint32_t block);
    /**
     * \param block a block whose pull failed
     * \param why the reason
     */
    void PullFailed(uint32_t block, BlockPullClient::Failure why);

    Ipv4Address m_repo;              //!< repository address
    uint16_t m_pullPort;             //!< repository pull port
    uint32_t m_maxPulls;             //!< concurrent pulls
    uint32_t m_rcvBuf;               //!< pull socket receive buffer
    Time m_pullStall;                //!< PullStallTimeout
    double m_capacity;               //!< storage bytes
    Ptr<BlockStore> m_store;         //!< storage
    Ptr<BlockPullClient> m_puller;   //!< pulls
    std::vector<uint32_t> m_planned; //!< blocks the plan holds here
    std::vector<Waiter> m_waiters;   //!< requests waiting for a model
    bool m_running;                  //!< started
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_CLOUDLET_APP_H */
