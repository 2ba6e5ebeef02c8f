/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mec-pfm-application.h"

#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/uinteger.h"

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("MecPfmApplication");
NS_OBJECT_ENSURE_REGISTERED(MecPfmApplication);

TypeId
MecPfmApplication::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::mecpfm::MecPfmApplication")
            .SetParent<Application>()
            .SetGroupName("MecPfm")
            .AddAttribute("TcpSegmentSize",
                          "TCP segment size of the sockets this application creates, bytes "
                          "(0: ns3::TcpSocket::SegmentSize).",
                          UintegerValue(0),
                          MakeUintegerAccessor(&MecPfmApplication::m_segmentSize),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("TcpDelAckCount",
                          "Segments per delayed ACK of the sockets this application creates "
                          "(0: ns3::TcpSocket::DelAckCount, 2). 1 acknowledges every "
                          "segment at once: a request or response of one segment is not "
                          "held for the 200 ms delayed-ACK timeout.",
                          UintegerValue(1),
                          MakeUintegerAccessor(&MecPfmApplication::m_delAckCount),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("TcpMaxSegLifetime",
                          "Maximum segment lifetime of the sockets this application creates "
                          "(0: ns3::TcpSocketBase::MaxSegLifetime, 120 s); a closed "
                          "connection keeps its port and endpoint for twice this "
                          "(TIME_WAIT). The default keeps TIME_WAIT (2 s) above ns-3's "
                          "minimum retransmission timeout (1 s), so that a FIN resent after "
                          "a lost last ACK still finds its connection.",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&MecPfmApplication::m_msl),
                          MakeTimeChecker(Seconds(0)));
    return tid;
}

MecPfmApplication::MecPfmApplication()
    : m_segmentSize(0),
      m_delAckCount(1),
      m_msl(Seconds(1))
{
}

MecPfmApplication::~MecPfmApplication() = default;

Ptr<Socket>
MecPfmApplication::CreateTcpSocket()
{
    NS_LOG_FUNCTION(this);
    Ptr<Socket> s = Socket::CreateSocket(GetNode(), TcpSocketFactory::GetTypeId());
    if (m_segmentSize > 0)
    {
        s->SetAttribute("SegmentSize", UintegerValue(m_segmentSize));
    }
    if (m_delAckCount > 0)
    {
        s->SetAttribute("DelAckCount", UintegerValue(m_delAckCount));
    }
    if (m_msl.IsStrictlyPositive())
    {
        s->SetAttribute("MaxSegLifetime", DoubleValue(m_msl.GetSeconds()));
    }
    return s;
}

} // namespace mecpfm
} // namespace ns3
