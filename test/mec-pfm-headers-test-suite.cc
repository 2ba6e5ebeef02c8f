/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/block-pull-header.h"
#include "ns3/inference-request-header.h"
#include "ns3/inference-response-header.h"
#include "ns3/packet.h"
#include "ns3/test.h"

/**
 * \file
 * \ingroup mec-pfm-tests
 * Round trips of the simulation's headers (stream framing: message-channel-test-suite.cc).
 */

using namespace ns3;
using namespace ns3::mecpfm;

/// Serialise headers and read them back.
class HeaderRoundTripTestCase : public TestCase
{
  public:
    HeaderRoundTripTestCase()
        : TestCase("headers survive serialisation")
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
        m.seq = 4000000000u;
        m.home = 12;
        m.task = 3;
        m.minAccuracy = 0.625;
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
        NS_TEST_ASSERT_MSG_EQ(rq.GetSerializedSize(),
                              65u,
                              "4 x 4 + 8 + 2 x 4 + 3 x 8 + 1 + 8 bytes");
        NS_TEST_ASSERT_MSG_EQ(g.requestId, 77u, "id");
        NS_TEST_ASSERT_MSG_EQ(g.seq, 4000000000u, "sequence number");
        NS_TEST_ASSERT_MSG_EQ(g.home, 12u, "home");
        NS_TEST_ASSERT_MSG_EQ(g.task, 3u, "task index");
        NS_TEST_ASSERT_MSG_EQ(g.minAccuracy, 0.625, "accuracy floor exact");
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
        NS_TEST_ASSERT_MSG_EQ(r->GetSize(), rs.GetSerializedSize() + 1000, "response size");
        InferenceResponseHeader rs2;
        r->RemoveHeader(rs2);
        NS_TEST_ASSERT_MSG_EQ(r->GetSize(), 1000u, "payload left");
        const auto& h = rs2.GetMessage();
        NS_TEST_ASSERT_MSG_EQ(static_cast<int>(h.status), 1, "status");
        NS_TEST_ASSERT_MSG_EQ(h.arrived, Seconds(1.5), "arrived");
        NS_TEST_ASSERT_MSG_EQ(h.modelReady, Seconds(2.25), "model ready");
        NS_TEST_ASSERT_MSG_EQ(h.started, Seconds(3), "started");
        NS_TEST_ASSERT_MSG_EQ(h.finished, Seconds(3600.000000001), "finished");
        NS_TEST_ASSERT_MSG_EQ(h.outputBytes, 1ULL << 33, "output");
        NS_TEST_ASSERT_MSG_EQ(h.tokens, 1234.5, "tokens");
        NS_TEST_ASSERT_MSG_EQ(GetFailureReasonName(h.reason), "none", "no reason");

        // Status and failure reason share one byte: every pair survives.
        for (auto st :
             {InferenceStatus::COMPLETED, InferenceStatus::REJECTED, InferenceStatus::FAILED})
        {
            for (uint8_t k = 0; k <= static_cast<uint8_t>(FailureReason::NODE_DOWN); ++k)
            {
                m.status = st;
                m.reason = static_cast<FailureReason>(k);
                InferenceResponseHeader a;
                a.SetMessage(m);
                Ptr<Packet> q2 = Create<Packet>();
                q2->AddHeader(a);
                NS_TEST_ASSERT_MSG_EQ(q2->GetSize(),
                                      69u,
                                      "4+4+4+8+8+1+5x8 bytes, whatever the reason");
                InferenceResponseHeader b;
                q2->RemoveHeader(b);
                NS_TEST_ASSERT_MSG_EQ(GetStatusName(b.GetMessage().status),
                                      GetStatusName(st),
                                      "status");
                NS_TEST_ASSERT_MSG_EQ(GetFailureReasonName(b.GetMessage().reason),
                                      GetFailureReasonName(m.reason),
                                      "reason");
            }
        }
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
