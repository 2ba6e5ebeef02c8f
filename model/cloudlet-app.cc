/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "cloudlet-app.h"

#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/pointer.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("CloudletApp");
NS_OBJECT_ENSURE_REGISTERED(CloudletApp);

TypeId
CloudletApp::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::mecpfm::CloudletApp")
            .SetParent<PfmSiteApp>()
            .SetGroupName("MecPfm")
            .AddConstructor<CloudletApp>()
            .AddAttribute("RepositoryAddress",
                          "Address of the model repository (the data center).",
                          Ipv4AddressValue(),
                          MakeIpv4AddressAccessor(&CloudletApp::m_repo),
                          MakeIpv4AddressChecker())
            .AddAttribute("PullPort",
                          "TCP port of the repository's block-pull service.",
                          UintegerValue(9000),
                          MakeUintegerAccessor(&CloudletApp::m_pullPort),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("MaxConcurrentPulls",
                          "Pulls running at once (further ones queue; a block a waiting "
                          "request needs jumps the queue).",
                          UintegerValue(2),
                          MakeUintegerAccessor(&CloudletApp::m_maxPulls),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("RcvBufSize",
                          "TCP receive buffer of pull connections, bytes. Keep it above "
                          "twice the repository's SndBufSize plus a few segments: ns-3 "
                          "before 3.41 crashes when the receive window binds (ns-3 issue "
                          "#991, doc/mec-pfm.rst). The default suits SndBufSize 4 MiB.",
                          UintegerValue(9 << 20),
                          MakeUintegerAccessor(&CloudletApp::m_rcvBuf),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("PullStallTimeout",
                          "A pull that receives nothing for this long resumes on a new "
                          "connection (BlockPullClient's StallTimeout; 0: never).",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&CloudletApp::m_pullStall),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("StorageBytes",
                          "Storage for parameter blocks, bytes (the BlockStore's Capacity).",
                          DoubleValue(0),
                          MakeDoubleAccessor(&CloudletApp::m_capacity),
                          MakeDoubleChecker<double>(0))
            .AddAttribute("BlockStore",
                          "The cloudlet's storage (for its trace sources).",
                          TypeId::ATTR_GET,
                          PointerValue(),
                          MakePointerAccessor(&CloudletApp::m_store),
                          MakePointerChecker<BlockStore>())
            .AddAttribute("PullClient",
                          "The cloudlet's pull client (for its trace sources).",
                          TypeId::ATTR_GET,
                          PointerValue(),
                          MakePointerAccessor(&CloudletApp::m_puller),
                          MakePointerChecker<BlockPullClient>());
    return tid;
}

CloudletApp::CloudletApp()
    : m_pullPort(9000),
      m_maxPulls(2),
      m_rcvBuf(9 << 20),
      m_capacity(0),
      m_running(false)
{
    m_store = CreateObject<BlockStore>();
    m_puller = CreateObject<BlockPullClient>();
}

void
CloudletApp::SetRepository(Ipv4Address addr)
{
    NS_LOG_FUNCTION(this << addr);
    m_repo = addr;
}

void
CloudletApp::SetPlannedBlocks(const std::vector<uint32_t>& blocks)
{
    NS_LOG_FUNCTION(this << blocks.size());
    m_planned = blocks;
    std::sort(m_planned.begin(), m_planned.end());
    if (m_running)
    {
        m_store->SetPinned(m_planned);
        for (uint32_t b : m_planned)
        {
            EnsureBlock(b);
        }
    }
}

bool
CloudletApp::HasBlock(uint32_t block) const
{
    return m_store->Has(block);
}

SiteStateReport
CloudletApp::GetStateReport() const
{
    SiteStateReport r = PfmSiteApp::GetStateReport();
    const uint32_t n = m_problem->GetCatalogue().GetNBlocks();
    r.stored.assign(n, false);
    r.pullPending.assign(n, false);
    for (uint32_t b = 0; b < n; ++b)
    {
        r.stored[b] = m_store->Has(b);
        r.pullPending[b] = m_puller->IsPending(b);
    }
    r.pullsInFlight = m_puller->GetRunning() + m_puller->GetQueued();
    return r;
}

Ptr<BlockStore>
CloudletApp::GetBlockStore() const
{
    return m_store;
}

Ptr<BlockPullClient>
CloudletApp::GetPullClient() const
{
    return m_puller;
}

void
CloudletApp::SetDown()
{
    NS_LOG_FUNCTION(this);
    PfmSiteApp::SetDown();
    m_waiters.clear();
    m_puller->Abort();
    m_store->Clear();
}

void
CloudletApp::SetUp()
{
    NS_LOG_FUNCTION(this);
    PfmSiteApp::SetUp();
    if (!m_running)
    {
        return;
    }
    m_store->SetPinned(m_planned);
    m_puller->Start();
    for (uint32_t b : m_planned)
    {
        EnsureBlock(b);
    }
}

void
CloudletApp::DoDispose()
{
    m_waiters.clear();
    m_store->Dispose();
    m_puller->Dispose();
    PfmSiteApp::DoDispose();
}

void
CloudletApp::StartApplication()
{
    NS_LOG_FUNCTION(this);
    PfmSiteApp::StartApplication();
    // The store: the catalogue's block sizes, the blocks resident at the start, and the
    // plan's blocks pinned (resident blocks outside the plan are evicted now).
    std::vector<double> sizes;
    for (const auto& b : m_problem->GetCatalogue().GetBlocks())
    {
        sizes.push_back(b.bytes);
    }
    m_store->SetBlockSizes(sizes);
    m_store->SetAttribute("Capacity", DoubleValue(m_capacity));
    const auto& node = m_problem->GetScenario().nodes[m_problem->GetSiteNode(m_site)];
    for (uint32_t b : node.residentBlocks)
    {
        m_store->Add(b);
    }
    m_store->SetPinned(m_planned);

    m_puller->SetAttribute("RemoteAddress", Ipv4AddressValue(m_repo));
    m_puller->SetAttribute("PullPort", UintegerValue(m_pullPort));
    m_puller->SetAttribute("MaxConcurrentPulls", UintegerValue(m_maxPulls));
    m_puller->SetAttribute("RcvBufSize", UintegerValue(m_rcvBuf));
    m_puller->SetAttribute("StallTimeout", TimeValue(m_pullStall));
    m_puller->Setup(GetNode(), MakeCallback(&CloudletApp::CreateTcpSocket, this));
    m_puller->SetCallbacks(MakeCallback(&CloudletApp::Admit, this),
                           MakeCallback(&CloudletApp::BlockArrived, this),
                           MakeCallback(&CloudletApp::PullFailed, this));
    m_running = true;
    m_puller->Start();
    for (uint32_t b : m_planned)
    {
        EnsureBlock(b);
    }
}

void
CloudletApp::StopApplication()
{
    NS_LOG_FUNCTION(this);
    m_puller->Stop();
    PfmSiteApp::StopApplication();
}

void
CloudletApp::EnsureBlock(uint32_t block)
{
    NS_LOG_FUNCTION(this << block);
    if (m_store->Has(block))
    {
        return;
    }
    const auto bytes = static_cast<uint64_t>(std::llround(m_store->GetBlockBytes(block)));
    m_puller->Request(block, bytes);
}

const std::vector<uint32_t>&
CloudletApp::ModelBlocks(uint32_t model) const
{
    return m_problem->GetCatalogue().GetModels()[model].blocks;
}

bool
CloudletApp::Admit(uint32_t block)
{
    return m_store->Reserve(block);
}

void
CloudletApp::BlockArrived(uint32_t block)
{
    m_store->Add(block);
    std::vector<Waiter> ready;
    for (auto it = m_waiters.begin(); it != m_waiters.end();)
    {
        if (m_store->HasAll(ModelBlocks(it->model)))
        {
            ready.push_back(*it);
            it = m_waiters.erase(it);
        }
        else
        {
            ++it;
        }
    }
    for (auto& w : ready)
    {
        w.ready();
    }
}

void
CloudletApp::PullFailed(uint32_t block, BlockPullClient::Failure why)
{
    m_store->CancelReservation(block);
    const FailureReason reason =
        why == BlockPullClient::NO_ROOM ? FailureReason::NO_ROOM : FailureReason::PULL_FAILED;
    // Every request waiting for a model with this block fails now: the block is not coming.
    std::vector<Waiter> failed;
    for (auto it = m_waiters.begin(); it != m_waiters.end();)
    {
        const auto& blocks = ModelBlocks(it->model);
        if (std::binary_search(blocks.begin(), blocks.end(), block))
        {
            failed.push_back(*it);
            it = m_waiters.erase(it);
        }
        else
        {
            ++it;
        }
    }
    for (auto& w : failed)
    {
        w.failed(reason);
    }
}

void
CloudletApp::WaitForModel(uint32_t model,
                          Callback<void> ready,
                          Callback<void, FailureReason> failed)
{
    const auto& blocks = ModelBlocks(model);
    m_store->Acquire(blocks);
    if (m_store->HasAll(blocks))
    {
        ready();
        return;
    }
    m_waiters.push_back(Waiter{model, ready, failed});
    for (uint32_t b : blocks)
    {
        if (m_store->Has(b))
        {
            continue;
        }
        if (!m_puller->IsPending(b))
        {
            EnsureBlock(b);
        }
        else
        {
            m_puller->Prioritize(b); // needed now: before the plan's other pulls
        }
    }
}

void
CloudletApp::RequestLeft(uint32_t model)
{
    m_store->Release(ModelBlocks(model));
}

} // namespace mecpfm
} // namespace ns3
