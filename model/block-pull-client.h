/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_BLOCK_PULL_CLIENT_H
#define MEC_PFM_BLOCK_PULL_CLIENT_H

#include "message-channel.h"

#include "ns3/ipv4-address.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <deque>
#include <map>
#include <set>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief Pulls parameter blocks from the model repository over TCP, one connection per
 * pull (a BlockPullHeader out, the block's bytes back).
 *
 * Coalescing: a block already queued or being pulled is not pulled again. Queueing: at
 * most MaxConcurrentPulls pulls run at once, the others wait in FIFO order unless
 * Prioritize() moves one to the front (a block a waiting request needs). Just before a
 * pull starts, the admit callback is asked whether there is room for the block (the
 * cloudlet's BlockStore reserves it); if not, the pull fails with NO_ROOM at once.
 */
class BlockPullClient : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    BlockPullClient();

    /// Why a pull failed.
    enum Failure
    {
        NO_ROOM = 0,   //!< the block does not fit the storage (admit callback said no)
        CONNECTION = 1 //!< the repository could not be reached, or the connection broke
    };

    /// TracedCallback signature of PullStarted: (block, bytes).
    typedef void (*PullStartedCallback)(uint32_t block, uint64_t bytes);
    /// TracedCallback signature of PullCompleted: (block, bytes, duration).
    typedef void (*PullCompletedCallback)(uint32_t block, uint64_t bytes, Time duration);
    /// TracedCallback signature of PullFailed: (block, bytes, why).
    typedef void (*PullFailedCallback)(uint32_t block, uint64_t bytes, Failure why);

    /**
     * \param node the node whose sockets pull
     * \param createSocket makes a TCP socket on it with the owner's TCP settings
     */
    void Setup(Ptr<Node> node, Callback<Ptr<Socket>> createSocket);
    /**
     * \param admit asked (block) before a pull starts: is there room?
     * \param completed called (block) once a block is complete
     * \param failed called (block, why) when a pull fails
     */
    void SetCallbacks(Callback<bool, uint32_t> admit,
                      Callback<void, uint32_t> completed,
                      Callback<void, uint32_t, Failure> failed);
    /** Start pulling (requests before this only queue). */
    void Start();
    /** Stop starting pulls (running ones continue). */
    void Stop();
    /**
     * \brief Pull a block unless it is queued or being pulled already.
     * \param block block index
     * \param bytes its size
     * \return true if a new pull was queued
     */
    bool Request(uint32_t block, uint64_t bytes);
    /** \param block a queued block to pull before the others */
    void Prioritize(uint32_t block);
    /** \param block block index \return true if queued or being pulled */
    bool IsPending(uint32_t block) const;
    /** \return pulls running */
    uint32_t GetRunning() const;
    /** \return pulls queued */
    uint32_t GetQueued() const;

  protected:
    void DoDispose() override;

  private:
    /// One pull, queued or running.
    struct Pull
    {
        uint32_t block{0};           //!< block
        uint64_t bytes{0};           //!< its size
        Time started;                //!< start of the running pull
        Ptr<MessageChannel> channel; //!< its connection (running pulls)
    };

    /** Start queued pulls while fewer than MaxConcurrentPulls run. */
    void Pump();
    /** \param p the pull to start */
    void StartPull(Pull p);
    /** \param ch connection of a pull */
    void Connected(Ptr<MessageChannel> ch);
    /** \param ch connection of a pull */
    void Broken(Ptr<MessageChannel> ch);
    /** \param ch connection of a pull whose block arrived */
    void Arrived(Ptr<MessageChannel> ch);
    /**
     * \param block block index
     * \param bytes its size
     * \param why the reason
     */
    void Fail(uint32_t block, uint64_t bytes, Failure why);

    Ipv4Address m_remote;                                      //!< repository address
    uint16_t m_port;                                           //!< repository pull port
    uint32_t m_maxPulls;                                       //!< concurrent pulls
    uint32_t m_rcvBuf;                                         //!< receive buffer of pull sockets
    Ptr<Node> m_node;                                          //!< node
    Callback<Ptr<Socket>> m_createSocket;                      //!< socket maker
    Callback<bool, uint32_t> m_admit;                          //!< room?
    Callback<void, uint32_t> m_completedCb;                    //!< block arrived
    Callback<void, uint32_t, Failure> m_failedCb;              //!< pull failed
    bool m_running;                                            //!< started
    std::deque<Pull> m_queue;                                  //!< waiting pulls
    std::map<MessageChannel*, Pull> m_active;                  //!< running pulls, by connection
    std::set<uint32_t> m_pending;                              //!< blocks queued or running
    TracedCallback<uint32_t, uint64_t> m_startedTrace;         //!< PullStarted
    TracedCallback<uint32_t, uint64_t, Time> m_completedTrace; //!< PullCompleted
    TracedCallback<uint32_t, uint64_t, Failure> m_failedTrace; //!< PullFailed
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_BLOCK_PULL_CLIENT_H */
