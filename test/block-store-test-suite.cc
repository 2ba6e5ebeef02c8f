/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/block-store.h"
#include "ns3/double.h"
#include "ns3/test.h"

#include <vector>

/**
 * \file
 * \ingroup mec-pfm-tests
 * BlockStore without sockets or simulator: capacity, the eviction rule (neither pinned nor
 * in use, increasing block index, nothing evicted when the block cannot fit), reservations
 * of pulls in flight, and its traces, against byte counts worked out in the test.
 */

using namespace ns3;
using namespace ns3::mecpfm;

namespace
{

/// Counts of the store's traces.
struct Traced
{
    std::vector<uint32_t> stored;  //!< blocks, in trace order
    std::vector<uint32_t> evicted; //!< blocks, in trace order
};

void
OnStored(Traced* t, uint32_t block, double)
{
    t->stored.push_back(block);
}

void
OnEvicted(Traced* t, uint32_t block, double)
{
    t->evicted.push_back(block);
}

/// A store of capacity 100 with blocks 0..4 of 10, 20, 30, 40, 50 bytes, traced into t.
Ptr<BlockStore>
MakeStore(Traced* t)
{
    Ptr<BlockStore> s = CreateObject<BlockStore>();
    s->SetAttribute("Capacity", DoubleValue(100));
    s->SetBlockSizes({10, 20, 30, 40, 50});
    s->TraceConnectWithoutContext("BlockStored", MakeBoundCallback(&OnStored, t));
    s->TraceConnectWithoutContext("BlockEvicted", MakeBoundCallback(&OnEvicted, t));
    return s;
}

} // namespace

/// Reservations count toward the capacity; eviction takes unpinned unused blocks in
/// increasing index until the block fits.
class BlockStoreEvictionTestCase : public TestCase
{
  public:
    BlockStoreEvictionTestCase()
        : TestCase("evicts unpinned unused blocks in increasing index until the block fits")
    {
    }

  private:
    void DoRun() override
    {
        Traced t;
        Ptr<BlockStore> s = MakeStore(&t);
        s->Add(0);
        s->Add(1);
        s->Add(2); // 60 of 100 used
        NS_TEST_ASSERT_MSG_EQ(s->GetStoredBytes(), 60.0, "10 + 20 + 30");
        s->Acquire({0, 1, 2});
        s->SetPinned({});
        NS_TEST_ASSERT_MSG_EQ(t.evicted.size(), 0u, "in use: SetPinned evicts none");
        NS_TEST_ASSERT_MSG_EQ(s->Reserve(3), true, "40 fits in the 40 left");
        NS_TEST_ASSERT_MSG_EQ(s->GetUsedBytes(), 100.0, "reservation counted");
        NS_TEST_ASSERT_MSG_EQ(s->Reserve(4), false, "50 more: nothing evictable");
        NS_TEST_ASSERT_MSG_EQ(t.evicted.size(), 0u, "nothing evicted");
        // The pull of 3 fails: its 40 bytes are free again.
        s->CancelReservation(3);
        NS_TEST_ASSERT_MSG_EQ(s->GetUsedBytes(), 60.0, "reservation released");
        // 60 + 50 needs 10 freed. Blocks 1 and 2 are evictable, block 0 is in use: in
        // increasing index, block 1 (20) goes and block 2 stays.
        s->Release({1, 2});
        NS_TEST_ASSERT_MSG_EQ(s->Reserve(4), true, "fits after evicting block 1");
        NS_TEST_ASSERT_MSG_EQ(t.evicted.size(), 1u, "one eviction");
        NS_TEST_ASSERT_MSG_EQ(t.evicted[0], 1u, "the lowest evictable index, and no more");
        NS_TEST_ASSERT_MSG_EQ(s->Has(0), true, "in use: kept");
        NS_TEST_ASSERT_MSG_EQ(s->Has(2), true, "not needed to make room: kept");
        s->Add(4);
        NS_TEST_ASSERT_MSG_EQ(s->GetStoredBytes(), 90.0, "10 + 30 + 50");
        NS_TEST_ASSERT_MSG_EQ(s->GetUsedBytes(), 90.0, "the reservation became the block");
        // Pinning only block 4 evicts the unpinned unused blocks 2, then 0 once released.
        s->SetPinned({4});
        NS_TEST_ASSERT_MSG_EQ(t.evicted.size(), 2u, "block 2 evicted");
        NS_TEST_ASSERT_MSG_EQ(t.evicted[1], 2u, "block 2");
        s->Release({0});
        s->SetPinned({4});
        NS_TEST_ASSERT_MSG_EQ(t.evicted.size(), 3u, "block 0 evicted once released");
        NS_TEST_ASSERT_MSG_EQ(t.evicted[2], 0u, "block 0");
        // A pinned block is never evicted: 50 + 40 fits, 50 + 40 + 20 does not.
        NS_TEST_ASSERT_MSG_EQ(s->Reserve(3), true, "40 fits");
        NS_TEST_ASSERT_MSG_EQ(s->Reserve(1), false, "the pinned block stays");
        NS_TEST_ASSERT_MSG_EQ(s->Has(4), true, "pinned: kept");
        NS_TEST_ASSERT_MSG_EQ(t.stored.size(), 4u, "BlockStored per block added");
    }
};

/// A block held by a request stays through SetPinned and Reserve, until released.
class BlockStoreInUseTestCase : public TestCase
{
  public:
    BlockStoreInUseTestCase()
        : TestCase("a block in use is never evicted, whatever the plan")
    {
    }

  private:
    void DoRun() override
    {
        Traced t;
        Ptr<BlockStore> s = MakeStore(&t);
        s->Add(3);
        s->Add(4); // 90 used
        s->Acquire({3, 4});
        s->Acquire({4}); // two requests need block 4
        s->SetPinned({});
        NS_TEST_ASSERT_MSG_EQ(s->GetStored().size(), 2u, "both in use: none evicted");
        NS_TEST_ASSERT_MSG_EQ(s->Reserve(1), false, "no room and nothing evictable");
        s->Release({3, 4});
        NS_TEST_ASSERT_MSG_EQ(s->GetUseCount(4), 1u, "one request still needs block 4");
        NS_TEST_ASSERT_MSG_EQ(s->Reserve(1), true, "block 3 (40) evictable now");
        NS_TEST_ASSERT_MSG_EQ(s->Has(3), false, "block 3 evicted");
        NS_TEST_ASSERT_MSG_EQ(s->Has(4), true, "block 4 in use: kept");
        s->Release({4});
        NS_TEST_ASSERT_MSG_EQ(s->GetUseCount(4), 0u, "released");
        NS_TEST_ASSERT_MSG_EQ(t.evicted.size(), 1u, "one eviction in all");
    }
};

/// The suite.
class BlockStoreTestSuite : public TestSuite
{
  public:
    BlockStoreTestSuite()
        : TestSuite("mec-pfm-block-store", UNIT)
    {
        AddTestCase(new BlockStoreEvictionTestCase, TestCase::QUICK);
        AddTestCase(new BlockStoreInUseTestCase, TestCase::QUICK);
    }
};

/// Static instance.
static BlockStoreTestSuite g_blockStoreTestSuite;
