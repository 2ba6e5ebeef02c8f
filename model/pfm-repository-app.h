/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_PFM_REPOSITORY_APP_H
#define MEC_PFM_PFM_REPOSITORY_APP_H

#include "block-pull-header.h"
#include "pfm-site-app.h"

#include <map>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief The data center: a model repository serving block pulls over TCP (a
 * BlockPullHeader in, that many bytes back on the same connection) and a serving site
 * holding every model (requests forwarded to it wait only for a server).
 */
class PfmRepositoryApp : public PfmSiteApp
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    PfmRepositoryApp();

    /// TracedCallback signature of PullServed: (block, bytes).
    typedef void (*PullServedCallback)(uint32_t block, uint64_t bytes);

  protected:
    void DoDispose() override;
    void StartApplication() override;
    void StopApplication() override;

  private:
    void HandleAccept(Ptr<Socket> s, const Address& from);
    uint64_t PullHeader(Ptr<MessageChannel> ch, Ptr<Packet> header);
    void ReaderClosed(Ptr<MessageChannel> ch);

    uint16_t m_pullPort;                                      //!< pull port
    uint32_t m_sndBuf;                                        //!< send buffer of pull connections
    Ptr<Socket> m_pullListen;                                 //!< listening socket
    std::map<MessageChannel*, Ptr<MessageChannel>> m_reading; //!< pull requests being read
    TracedCallback<uint32_t, uint64_t> m_pullServedTrace;     //!< PullServed
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_PFM_REPOSITORY_APP_H */
