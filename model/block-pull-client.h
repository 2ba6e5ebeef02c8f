/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_BLOCK_PULL_CLIENT_H
#define MEC_PFM_BLOCK_PULL_CLIENT_H

#include "message-channel.h"

#include "ns3/event-id.h"
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
 *
 * Resuming: a pull whose connection breaks after it was established (a link or the
 * repository unreachable for longer than TCP retries, doc/mec-pfm.rst "Faults") starts a
 * new connection at once that asks for the bytes that have not arrived (BlockPullHeader's
 * bytes = the rest), at most ResumeAttempts times; then it fails (CONNECTION). A
 * connection that cannot be established fails the pull at once, as before. The bytes of a
 * block are thus counted once: GetBytesArrived() counts every payload byte that arrived on
 * a pull connection, and for each completed pull the bytes that arrived on its
 * connections add up to the block's size (GetArrivedOfCompleted() = GetBytesCompleted()).
 *
 * A receiver whose sender gave up is never told (the sender's TCP stops retransmitting and
 * no segment reaches the receiver): with StallTimeout > 0, an established pull that has
 * received nothing for that long is closed and resumed likewise. StallTimeout is 0 (off)
 * by default, so that a run without faults has no extra events; MecPfmRunner sets it for
 * scenarios with faults.
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
    /**
     * \brief Drop every pull, running or queued (the cloudlet went down): the running
     * connections are closed, PullFailed is traced (CONNECTION) for each running pull, and
     * no callback is called. The client is stopped (Start() again to pull).
     */
    void Abort();
    /**
     * \return payload bytes that arrived on pull connections (any pull, any outcome,
     * running pulls included)
     */
    uint64_t GetBytesArrived() const;
    /** \return the sizes of the completed pulls, summed */
    uint64_t GetBytesCompleted() const;
    /** \return payload bytes that arrived on the connections of completed pulls */
    uint64_t GetArrivedOfCompleted() const;
    /** \return pulls resumed on a new connection */
    uint32_t GetResumes() const;

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
        uint64_t done{0};            //!< bytes that arrived on earlier connections
        uint32_t resumes{0};         //!< connections after the first
        bool connected{false};       //!< the current connection was established
        uint64_t lastGot{0};         //!< bytes of this connection at the last progress
        Time lastProgress;           //!< time of the last progress (StallTimeout)
        EventId stallCheck;          //!< next StallTimeout check
    };

    /** Start queued pulls while fewer than MaxConcurrentPulls run. */
    void Pump();
    /** \param p the pull to start */
    void StartPull(Pull p);
    /** \param ch connection of a pull */
    void Connected(Ptr<MessageChannel> ch);
    /** \param ch connection of a pull that could not be established */
    void ConnectFailed(Ptr<MessageChannel> ch);
    /** \param ch connection of a pull that closed or broke */
    void Broken(Ptr<MessageChannel> ch);
    /** \param p a running pull whose established connection broke: resume it */
    void Resume(Pull p);
    /** \param key a running pull: resume it if it has received nothing for StallTimeout */
    void CheckStall(MessageChannel* key);
    /** \param p a pull to open a connection for (for the bytes that have not arrived) */
    void Open(Pull& p);
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
    uint32_t m_maxResumes;                                     //!< ResumeAttempts
    Time m_stallTimeout;                                       //!< StallTimeout (0: off)
    uint64_t m_bytesArrived{0};                                //!< GetBytesArrived
    uint64_t m_bytesCompleted{0};                              //!< GetBytesCompleted
    uint64_t m_arrivedOfCompleted{0};                          //!< GetArrivedOfCompleted
    uint32_t m_resumes{0};                                     //!< GetResumes
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
