/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/block-store.h"
#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/test.h"

#include <vector>

/**
 * \file
 * \ingroup mec-pfm-tests
 * BlockStore without sockets or simulator: capacity, the eviction rule (neither pinned nor
 * in use; outside the plan first, then least recently used, then lower index; nothing
 * evicted when the block cannot fit), the online placement (PinPlanned false), reservations
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

/// Reservations count toward the capacity; eviction takes unpinned unused blocks, least
/// recently used first, until the block fits.
class BlockStoreEvictionTestCase : public TestCase
{
  public:
    BlockStoreEvictionTestCase()
        : TestCase("evicts unpinned unused blocks until the block fits")
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
        // 60 + 50 needs 10 freed. Blocks 1 and 2 are evictable, block 0 is in use: block 1
        // (20), used before block 2, goes and block 2 stays.
        s->Release({1, 2});
        NS_TEST_ASSERT_MSG_EQ(s->Reserve(4), true, "fits after evicting block 1");
        NS_TEST_ASSERT_MSG_EQ(t.evicted.size(), 1u, "one eviction");
        NS_TEST_ASSERT_MSG_EQ(t.evicted[0], 1u, "the least recently used, and no more");
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

/// Least recently used first, whatever the index.
class BlockStoreLruTestCase : public TestCase
{
  public:
    BlockStoreLruTestCase()
        : TestCase(
              "evicts the least recently used block (stored or acquired), not the lowest index")
    {
    }

  private:
    void DoRun() override
    {
        Traced t;
        Ptr<BlockStore> s = MakeStore(&t);
        s->Add(1);
        s->Add(2);
        s->Add(0); // 60 used; stored in the order 1, 2, 0
        s->Acquire({1});
        s->Release({1}); // block 1 used last: the order of use is 2, 0, 1
        NS_TEST_ASSERT_MSG_EQ(s->Reserve(4), true, "50 fits after freeing 10");
        NS_TEST_ASSERT_MSG_EQ(t.evicted.size(), 1u, "one eviction (30 >= 10)");
        NS_TEST_ASSERT_MSG_EQ(t.evicted[0], 2u, "block 2, used longest ago (not block 0 or 1)");
        s->Add(4); // 10 + 20 + 50 = 80; use order 0, 1, 4
        NS_TEST_ASSERT_MSG_EQ(s->Reserve(3), true, "40 fits after freeing 20");
        NS_TEST_ASSERT_MSG_EQ(t.evicted.size(), 3u, "blocks 0 (10) then 1 (20)");
        NS_TEST_ASSERT_MSG_EQ(t.evicted[1], 0u, "block 0 first");
        NS_TEST_ASSERT_MSG_EQ(t.evicted[2], 1u, "then block 1");
        NS_TEST_ASSERT_MSG_EQ(s->Has(4), true, "the most recent stays");
    }
};

/// An online policy's placement: the plan's blocks go last, and setting it evicts nothing.
class BlockStoreOnlinePlacementTestCase : public TestCase
{
  public:
    BlockStoreOnlinePlacementTestCase()
        : TestCase("PinPlanned false: planned blocks evicted last, SetPinned evicts nothing")
    {
    }

  private:
    void DoRun() override
    {
        Traced t;
        Ptr<BlockStore> s = MakeStore(&t);
        s->SetAttribute("PinPlanned", BooleanValue(false));
        s->Add(0);
        s->Add(1);
        s->Add(2); // 60
        s->SetPinned({0, 1});
        NS_TEST_ASSERT_MSG_EQ(t.evicted.size(), 0u, "setting the plan evicts nothing");
        s->SetPinned({});
        NS_TEST_ASSERT_MSG_EQ(t.evicted.size(), 0u, "not even an empty plan");
        s->SetPinned({0, 1});
        // 60 + 50 needs 10 freed: block 2, outside the plan, although 0 is older.
        NS_TEST_ASSERT_MSG_EQ(s->Reserve(4), true, "50 fits after freeing 10");
        NS_TEST_ASSERT_MSG_EQ(t.evicted.size(), 1u, "one eviction");
        NS_TEST_ASSERT_MSG_EQ(t.evicted[0], 2u, "outside the plan first");
        s->Add(4); // 10 + 20 + 50 = 80, plan {0, 1}
        s->SetPinned({4});
        NS_TEST_ASSERT_MSG_EQ(t.evicted.size(), 1u, "a new plan evicts nothing");
        // 80 + 40 needs 20: blocks 0 (10) then 1 (20), outside the plan; block 4 stays.
        NS_TEST_ASSERT_MSG_EQ(s->Reserve(3), true, "40 fits after freeing 20");
        NS_TEST_ASSERT_MSG_EQ(t.evicted.size(), 3u, "two more");
        NS_TEST_ASSERT_MSG_EQ(t.evicted[1], 0u, "block 0");
        NS_TEST_ASSERT_MSG_EQ(t.evicted[2], 1u, "block 1");
        s->Add(3); // 50 + 40 = 90, plan {4}
        s->SetPinned({3, 4});
        // 90 + 20 needs 10: every stored block is planned; the least recently used goes.
        NS_TEST_ASSERT_MSG_EQ(s->Reserve(1), true, "a planned block makes room");
        NS_TEST_ASSERT_MSG_EQ(t.evicted.size(), 4u, "one more");
        NS_TEST_ASSERT_MSG_EQ(t.evicted[3], 4u, "block 4, stored before block 3");
        // In use beats planned-last: block 3 in use, nothing else stored: 40 + 20 + 50 > 100.
        s->Add(1);
        s->Acquire({3, 1});
        NS_TEST_ASSERT_MSG_EQ(s->Reserve(4), false, "blocks in use are never evicted");
        NS_TEST_ASSERT_MSG_EQ(t.evicted.size(), 4u, "nothing evicted");
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
        AddTestCase(new BlockStoreLruTestCase, TestCase::QUICK);
        AddTestCase(new BlockStoreOnlinePlacementTestCase, TestCase::QUICK);
    }
};

/// Static instance.
static BlockStoreTestSuite g_blockStoreTestSuite;
