/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "pfm-repository-app.h"

#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
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
      m_sndBuf(4 << 20)
{
}

void
PfmRepositoryApp::DoDispose()
{
    m_pullListen = nullptr;
    m_reading.clear();
    PfmSiteApp::DoDispose();
}

void
PfmRepositoryApp::StartApplication()
{
    NS_LOG_FUNCTION(this);
    PfmSiteApp::StartApplication();
    m_pullListen = CreateTcpSocket();
    m_pullListen->SetAttribute("SndBufSize", UintegerValue(m_sndBuf));
    m_pullListen->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_pullPort));
    m_pullListen->Listen();
    m_pullListen->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                    MakeCallback(&PfmRepositoryApp::HandleAccept, this));
}

void
PfmRepositoryApp::StopApplication()
{
    NS_LOG_FUNCTION(this);
    PfmSiteApp::StopApplication();
    if (m_pullListen)
    {
        m_pullListen->Close();
    }
}

void
PfmRepositoryApp::HandleAccept(Ptr<Socket> s, const Address&)
{
    Ptr<MessageChannel> ch = Create<MessageChannel>(s, true);
    ch->ExpectHeader(BlockPullHeader().GetSerializedSize());
    ch->SetReceiveCallbacks(MakeCallback(&PfmRepositoryApp::PullHeader, this),
                            MessageChannel::ChannelCallback());
    ch->SetCloseCallback(MakeCallback(&PfmRepositoryApp::ReaderClosed, this));
    m_reading[PeekPointer(ch)] = ch;
}

uint64_t
PfmRepositoryApp::PullHeader(Ptr<MessageChannel> ch, Ptr<Packet> header)
{
    BlockPullHeader h;
    header->RemoveHeader(h);
    m_reading.erase(PeekPointer(ch));
    NS_LOG_INFO("DC serves block " << h.GetBlock() << " (" << h.GetBytes() << " B)");
    m_pullServedTrace(h.GetBlock(), h.GetBytes());
    ch->Send(nullptr, h.GetBytes());
    ch->Close(); // one pull per connection (see PfmSiteApp::Respond)
    return 0;
}

void
PfmRepositoryApp::ReaderClosed(Ptr<MessageChannel> ch)
{
    m_reading.erase(PeekPointer(ch));
}

} // namespace mecpfm
} // namespace ns3
