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
 * BlockPullHeader, then that many bytes written as the socket's buffer frees up) and a
 * serving site holding every model (requests forwarded to it wait only for a server).
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
    /** \return block bytes handed to TCP so far */
    uint64_t GetServedBytes() const;

  protected:
    void DoDispose() override;
    void StartApplication() override;
    void StopApplication() override;

  private:
    void HandleAccept(Ptr<Socket> s, const Address& from);
    void HandleRead(Ptr<Socket> s);
    void HandlePeerClose(Ptr<Socket> s);

    uint16_t m_pullPort;                                  //!< pull port
    uint32_t m_sndBuf;                                    //!< send buffer of pull connections
    Ptr<Socket> m_pullListen;                             //!< listening socket
    std::map<Ptr<Socket>, PfmStreamReader> m_reqs;        //!< pull requests being read
    uint64_t m_servedBytes;                               //!< bytes served
    TracedCallback<uint32_t, uint64_t> m_pullServedTrace; //!< PullServed
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_PFM_REPOSITORY_APP_H */
