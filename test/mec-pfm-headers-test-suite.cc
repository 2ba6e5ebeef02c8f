/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/block-pull-header.h"
#include "ns3/inference-header.h"
#include "ns3/packet.h"
#include "ns3/pfm-stream.h"
#include "ns3/test.h"

/**
 * \file
 * \ingroup mec-pfm-tests
 * Round trips of the simulation's headers, whole and cut into arbitrary stream pieces.
 */

using namespace ns3;
using namespace ns3::mecpfm;

/// Serialise headers, read them back (whole and through PfmStreamReader in pieces).
class HeaderRoundTripTestCase : public TestCase
{
  public:
    HeaderRoundTripTestCase()
        : TestCase("headers survive serialisation, whole and in stream pieces")
    {
    }

  private:
    void DoRun() override
    {
        BlockPullHeader b;
        b.SetBlock(123456);
        b.SetBytes(5000000000ULL);
        Ptr<Packet> p = Create<Packet>(10);
        p->AddHeader(b);
        NS_TEST_ASSERT_MSG_EQ(p->GetSize(), 22u, "12-byte header + payload");
        BlockPullHeader b2;
        p->RemoveHeader(b2);
        NS_TEST_ASSERT_MSG_EQ(b2.GetBlock(), 123456u, "block");
        NS_TEST_ASSERT_MSG_EQ(b2.GetBytes(), 5000000000ULL, "bytes beyond 32 bits");

        InferenceMessage m;
        m.requestId = 77;
        m.model = 5;
        m.site = 3;
        m.tokens = 1234.5;
        m.inputBytes = 4096;
        m.outputBytes = 1ULL << 33;
        m.decided = true;
        m.status = InferenceStatus::REJECTED;
        m.sent = NanoSeconds(1);
        m.arrived = Seconds(1.5);
        m.modelReady = Seconds(2.25);
        m.started = Seconds(3);
        m.finished = Seconds(3600.000000001);
        InferenceRequestHeader rq;
        rq.SetMessage(m);
        Ptr<Packet> q = Create<Packet>();
        q->AddHeader(rq);
        NS_TEST_ASSERT_MSG_EQ(q->GetSize(), rq.GetSerializedSize(), "request size");
        InferenceRequestHeader rq2;
        q->RemoveHeader(rq2);
        const auto& g = rq2.GetMessage();
        NS_TEST_ASSERT_MSG_EQ(g.requestId, 77u, "id");
        NS_TEST_ASSERT_MSG_EQ(g.model, 5u, "model");
        NS_TEST_ASSERT_MSG_EQ(g.site, 3u, "site");
        NS_TEST_ASSERT_MSG_EQ(g.tokens, 1234.5, "tokens exact");
        NS_TEST_ASSERT_MSG_EQ(g.inputBytes, 4096u, "input");
        NS_TEST_ASSERT_MSG_EQ(g.outputBytes, 1ULL << 33, "output");
        NS_TEST_ASSERT_MSG_EQ(g.decided, true, "decided");
        NS_TEST_ASSERT_MSG_EQ(g.sent, NanoSeconds(1), "sent");

        InferenceResponseHeader rs;
        rs.SetMessage(m);
        Ptr<Packet> r = Create<Packet>(1000);
        r->AddHeader(rs);
        // Cut the stream into 7-byte pieces, as TCP may deliver it.
        PfmStreamReader reader(rs.GetSerializedSize());
        InferenceResponseHeader rs2;
        bool got = false;
        for (uint32_t off = 0; off < r->GetSize(); off += 7)
        {
            uint32_t len = std::min<uint32_t>(7, r->GetSize() - off);
            reader.Feed(r->CreateFragment(off, len));
            if (reader.HeaderReady())
            {
                reader.TakeHeader(rs2);
                reader.SetExpectedPayload(1000);
                got = true;
            }
        }
        NS_TEST_ASSERT_MSG_EQ(got, true, "header found in the pieces");
        NS_TEST_ASSERT_MSG_EQ(reader.Complete(), true, "payload counted");
        NS_TEST_ASSERT_MSG_EQ(reader.GetPayloadReceived(), 1000u, "payload bytes");
        const auto& h = rs2.GetMessage();
        NS_TEST_ASSERT_MSG_EQ(static_cast<int>(h.status), 1, "status");
        NS_TEST_ASSERT_MSG_EQ(h.arrived, Seconds(1.5), "arrived");
        NS_TEST_ASSERT_MSG_EQ(h.modelReady, Seconds(2.25), "model ready");
        NS_TEST_ASSERT_MSG_EQ(h.started, Seconds(3), "started");
        NS_TEST_ASSERT_MSG_EQ(h.finished, Seconds(3600.000000001), "finished");
        NS_TEST_ASSERT_MSG_EQ(h.outputBytes, 1ULL << 33, "output");
        NS_TEST_ASSERT_MSG_EQ(h.tokens, 1234.5, "tokens");
    }
};

/// The suite.
class MecPfmHeadersTestSuite : public TestSuite
{
  public:
    MecPfmHeadersTestSuite()
        : TestSuite("mec-pfm-headers", UNIT)
    {
        AddTestCase(new HeaderRoundTripTestCase, TestCase::QUICK);
    }
};

/// Static instance.
static MecPfmHeadersTestSuite g_mecPfmHeadersTestSuite;
