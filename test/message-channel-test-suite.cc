/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/inet-socket-address.h"
#include "ns3/inference-request-header.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/message-channel.h"
#include "ns3/node-container.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <vector>

/**
 * \file
 * \ingroup mec-pfm-tests
 * MessageChannel: the framing of header + payload messages, fed in arbitrary pieces, and
 * several messages back to back over a real TCP connection, against what the test sent.
 */

using namespace ns3;
using namespace ns3::mecpfm;

namespace
{

/// What a receiving channel delivered.
struct Received
{
    std::vector<uint32_t> ids;      //!< request id of each header
    std::vector<uint64_t> payloads; //!< payload bytes of each complete message
    uint32_t closed{0};             //!< close callbacks
};

uint64_t
OnHeader(Received* r, Ptr<MessageChannel>, Ptr<Packet> header)
{
    InferenceRequestHeader h;
    header->RemoveHeader(h);
    r->ids.push_back(h.GetMessage().requestId);
    return h.GetMessage().inputBytes;
}

void
OnMessage(Received* r, Ptr<MessageChannel> ch)
{
    r->payloads.push_back(ch->GetPayloadReceived());
}

void
OnClosed(Received* r, Ptr<MessageChannel>)
{
    ++r->closed;
}

/// \return a request header for (id, payload bytes) as a packet
Ptr<Packet>
RequestBytes(uint32_t id, uint64_t payload)
{
    InferenceMessage m;
    m.requestId = id;
    m.inputBytes = payload;
    InferenceRequestHeader h;
    h.SetMessage(m);
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(h);
    return p;
}

/// The payload sizes of the test messages: empty, small, and more than a send buffer.
const std::vector<uint64_t> kPayloads = {1000, 0, 7, 300000, 64001};

} // namespace

/**
 * \ingroup mec-pfm-tests
 * A stream of messages (headers and payloads of the sizes above) cut into 7-byte pieces,
 * then into pieces of growing odd sizes: every header and payload comes out whole, and
 * the bytes after a message go to the next.
 */
class FramingTestCase : public TestCase
{
  public:
    FramingTestCase()
        : TestCase("headers and payloads come out whole from arbitrary stream pieces")
    {
    }

  private:
    void Check(uint32_t firstPiece, uint32_t growth)
    {
        NodeContainer n;
        n.Create(1);
        InternetStackHelper().Install(n);
        Ptr<Socket> s = Socket::CreateSocket(n.Get(0), TcpSocketFactory::GetTypeId());
        Ptr<MessageChannel> ch = Create<MessageChannel>(s, true);
        Received r;
        ch->ExpectHeader(InferenceRequestHeader().GetSerializedSize());
        ch->SetReceiveCallbacks(MakeBoundCallback(&OnHeader, &r),
                                MakeBoundCallback(&OnMessage, &r));
        Ptr<Packet> stream = Create<Packet>();
        for (uint32_t i = 0; i < kPayloads.size(); ++i)
        {
            stream->AddAtEnd(RequestBytes(10 + i, kPayloads[i]));
            stream->AddAtEnd(Create<Packet>(static_cast<uint32_t>(kPayloads[i])));
        }
        uint32_t piece = firstPiece;
        for (uint32_t off = 0; off < stream->GetSize(); off += piece, piece += growth)
        {
            const uint32_t len = std::min(piece, stream->GetSize() - off);
            ch->Receive(stream->CreateFragment(off, len));
        }
        NS_TEST_ASSERT_MSG_EQ(r.ids.size(), kPayloads.size(), "one header per message");
        NS_TEST_ASSERT_MSG_EQ(r.payloads.size(), kPayloads.size(), "every message complete");
        for (uint32_t i = 0; i < kPayloads.size(); ++i)
        {
            NS_TEST_ASSERT_MSG_EQ(r.ids[i], 10 + i, "header " << i);
            NS_TEST_ASSERT_MSG_EQ(r.payloads[i], kPayloads[i], "payload " << i);
        }
        Simulator::Destroy();
    }

    void DoRun() override
    {
        Check(7, 0);
        Check(1, 2);
        Check(100000, 0);
    }
};

/**
 * \ingroup mec-pfm-tests
 * Messages queued back to back on one connection (one larger than the send buffer), then
 * Close(): the receiver gets every header and payload in order, and the peer's close.
 */
class OverTcpTestCase : public TestCase
{
  public:
    OverTcpTestCase()
        : TestCase("messages back to back over TCP arrive whole and in order, then the close")
    {
    }

  private:
    Received m_server;              //!< what the server side got
    Ptr<MessageChannel> m_accepted; //!< the server side
    Ptr<MessageChannel> m_client;   //!< the client side
    uint32_t m_connected{0};        //!< connected callbacks

    void Accept(Ptr<Socket> s, const Address&)
    {
        m_accepted = Create<MessageChannel>(s, true);
        m_accepted->ExpectHeader(InferenceRequestHeader().GetSerializedSize());
        m_accepted->SetReceiveCallbacks(MakeBoundCallback(&OnHeader, &m_server),
                                        MakeBoundCallback(&OnMessage, &m_server));
        m_accepted->SetCloseCallback(MakeBoundCallback(&OnClosed, &m_server));
    }

    void Connected(Ptr<MessageChannel>)
    {
        ++m_connected;
    }

    void Connect(InetSocketAddress to)
    {
        m_client->Connect(to);
        m_client->Close();
        m_client = nullptr; // the channel keeps itself alive until it has written everything
    }

    void DoRun() override
    {
        NodeContainer n;
        n.Create(2);
        PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
        p2p.SetChannelAttribute("Delay", StringValue("2ms"));
        NetDeviceContainer d = p2p.Install(n);
        InternetStackHelper().Install(n);
        Ipv4AddressHelper ip("10.1.0.0", "255.255.255.0");
        Ipv4InterfaceContainer ifs = ip.Assign(d);

        Ptr<Socket> listen = Socket::CreateSocket(n.Get(1), TcpSocketFactory::GetTypeId());
        listen->Bind(InetSocketAddress(Ipv4Address::GetAny(), 5000));
        listen->Listen();
        listen->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                  MakeCallback(&OverTcpTestCase::Accept, this));

        Ptr<Socket> s = Socket::CreateSocket(n.Get(0), TcpSocketFactory::GetTypeId());
        s->SetAttribute("SndBufSize", UintegerValue(65536));
        s->Bind();
        m_client = Create<MessageChannel>(s, false);
        m_client->SetConnectCallbacks(MakeCallback(&OverTcpTestCase::Connected, this),
                                      MessageChannel::ChannelCallback());
        // Queued before the connection exists: written once it does.
        for (uint32_t i = 0; i < kPayloads.size(); ++i)
        {
            m_client->Send(RequestBytes(20 + i, kPayloads[i]), kPayloads[i]);
        }
        NS_TEST_ASSERT_MSG_GT(m_client->GetPayloadQueued(), 65536u, "more than a send buffer");
        // Connect once the nodes are initialized (their traffic control knows the devices).
        Simulator::Schedule(Seconds(0.1),
                            &OverTcpTestCase::Connect,
                            this,
                            InetSocketAddress(ifs.GetAddress(1), 5000));
        Simulator::Stop(Seconds(10));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(m_connected, 1u, "connected once");
        NS_TEST_ASSERT_MSG_EQ(m_server.ids.size(), kPayloads.size(), "every header");
        NS_TEST_ASSERT_MSG_EQ(m_server.payloads.size(), kPayloads.size(), "every message");
        for (uint32_t i = 0; i < kPayloads.size(); ++i)
        {
            NS_TEST_ASSERT_MSG_EQ(m_server.ids[i], 20 + i, "in order");
            NS_TEST_ASSERT_MSG_EQ(m_server.payloads[i], kPayloads[i], "payload " << i);
        }
        NS_TEST_ASSERT_MSG_EQ(m_server.closed, 1u, "the server saw the client's close");
        m_accepted = nullptr;
        Simulator::Destroy();
    }
};

/// The suite.
class MessageChannelTestSuite : public TestSuite
{
  public:
    MessageChannelTestSuite()
        : TestSuite("mec-pfm-message-channel", UNIT)
    {
        AddTestCase(new FramingTestCase, TestCase::QUICK);
        AddTestCase(new OverTcpTestCase, TestCase::QUICK);
    }
};

/// Static instance.
static MessageChannelTestSuite g_messageChannelTestSuite;
