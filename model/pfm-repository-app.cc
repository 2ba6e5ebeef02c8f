/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "pfm-repository-app.h"

#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/uinteger.h"

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("PfmRepositoryApp");
NS_OBJECT_ENSURE_REGISTERED(PfmRepositoryApp);

TypeId
PfmRepositoryApp::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::mecpfm::PfmRepositoryApp")
            .SetParent<PfmSiteApp>()
            .SetGroupName("MecPfm")
            .AddConstructor<PfmRepositoryApp>()
            .AddAttribute("PullPort",
                          "TCP port of the block-pull service.",
                          UintegerValue(9000),
                          MakeUintegerAccessor(&PfmRepositoryApp::m_pullPort),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("SndBufSize",
                          "TCP send buffer of each pull connection, bytes (keep it near the "
                          "bandwidth-delay product of the longest pull path).",
                          UintegerValue(4 << 20),
                          MakeUintegerAccessor(&PfmRepositoryApp::m_sndBuf),
                          MakeUintegerChecker<uint32_t>())
            .AddTraceSource("PullServed",
                            "A pull request was read: (block, bytes).",
                            MakeTraceSourceAccessor(&PfmRepositoryApp::m_pullServedTrace),
                            "ns3::mecpfm::PfmRepositoryApp::PullServedCallback");
    return tid;
}

PfmRepositoryApp::PfmRepositoryApp()
    : m_pullPort(9000),
      m_sndBuf(4 << 20),
      m_servedBytes(0)
{
}

uint64_t
PfmRepositoryApp::GetServedBytes() const
{
    return m_servedBytes;
}

void
PfmRepositoryApp::DoDispose()
{
    m_pullListen = nullptr;
    m_reqs.clear();
    PfmSiteApp::DoDispose();
}

void
PfmRepositoryApp::StartApplication()
{
    PfmSiteApp::StartApplication();
    m_pullListen = Socket::CreateSocket(GetNode(), TcpSocketFactory::GetTypeId());
    m_pullListen->SetAttribute("SndBufSize", UintegerValue(m_sndBuf));
    m_pullListen->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_pullPort));
    m_pullListen->Listen();
    m_pullListen->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                    MakeCallback(&PfmRepositoryApp::HandleAccept, this));
}

void
PfmRepositoryApp::StopApplication()
{
    PfmSiteApp::StopApplication();
    if (m_pullListen)
    {
        m_pullListen->Close();
    }
}

void
PfmRepositoryApp::HandleAccept(Ptr<Socket> s, const Address&)
{
    m_reqs[s] = PfmStreamReader(BlockPullHeader().GetSerializedSize());
    s->SetRecvCallback(MakeCallback(&PfmRepositoryApp::HandleRead, this));
    s->SetCloseCallbacks(MakeCallback(&PfmRepositoryApp::HandlePeerClose, this),
                         MakeCallback(&PfmRepositoryApp::HandlePeerClose, this));
}

void
PfmRepositoryApp::HandlePeerClose(Ptr<Socket> s)
{
    m_reqs.erase(s);
}

void
PfmRepositoryApp::HandleRead(Ptr<Socket> s)
{
    Ptr<Packet> p;
    while ((p = s->Recv()))
    {
        auto it = m_reqs.find(s);
        if (it == m_reqs.end() || p->GetSize() == 0)
        {
            continue;
        }
        it->second.Feed(p);
        if (it->second.HeaderReady())
        {
            BlockPullHeader h;
            it->second.TakeHeader(h);
            m_reqs.erase(it);
            NS_LOG_INFO("DC serves block " << h.GetBlock() << " (" << h.GetBytes() << " B)");
            m_pullServedTrace(h.GetBlock(), h.GetBytes());
            m_servedBytes += h.GetBytes();
            Create<PfmStreamWriter>(s, nullptr, h.GetBytes(), Callback<void>())->Start();
        }
    }
}

} // namespace mecpfm
} // namespace ns3
