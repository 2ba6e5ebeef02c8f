/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mec-pfm-app-helper.h"

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("MecPfmAppHelper");

MecPfmAppHelper::MecPfmAppHelper(std::shared_ptr<const PlanningProblem> problem,
                                 std::vector<Ipv4Address> siteAddresses)
    : m_problem(std::move(problem)),
      m_siteAddress(std::move(siteAddresses))
{
    m_cloudletFactory.SetTypeId(CloudletApp::GetTypeId());
    m_repoFactory.SetTypeId(PfmRepositoryApp::GetTypeId());
    m_clientFactory.SetTypeId(InferenceClientApp::GetTypeId());
    m_controller = CreateObject<MecPfmController>();
    m_controller->SetProblem(m_problem);
    // Until SetPlan says otherwise a cloudlet holds its resident blocks (an online policy
    // places the others itself, AdmissionPolicy::PlanSlot).
    m_held.assign(m_problem->GetNCloudlets(), {});
    for (uint32_t c = 0; c < m_problem->GetNCloudlets(); ++c)
    {
        m_held[c] = m_problem->GetScenario().nodes[m_problem->GetSiteNode(c)].residentBlocks;
    }
    m_cloudlets.assign(m_problem->GetNCloudlets(), nullptr);
}

void
MecPfmAppHelper::SetCloudletAttribute(const std::string& name, const AttributeValue& value)
{
    m_cloudletFactory.Set(name, value);
}

void
MecPfmAppHelper::SetRepositoryAttribute(const std::string& name, const AttributeValue& value)
{
    m_repoFactory.Set(name, value);
}

void
MecPfmAppHelper::SetClientAttribute(const std::string& name, const AttributeValue& value)
{
    m_clientFactory.Set(name, value);
}

void
MecPfmAppHelper::SetApplicationAttribute(const std::string& name, const AttributeValue& value)
{
    m_cloudletFactory.Set(name, value);
    m_repoFactory.Set(name, value);
    m_clientFactory.Set(name, value);
}

void
MecPfmAppHelper::SetPlan(const PlacementPlan& plan)
{
    for (uint32_t c = 0; c < m_problem->GetNCloudlets() && c < plan.heldBlocks.size(); ++c)
    {
        m_held[c] = plan.heldBlocks[c];
    }
    auto replay = CreateObject<PlanReplayPolicy>();
    replay->SetPlan(plan);
    m_controller->SetPolicy(replay);
    // A plan's rejections are its own decisions (PlanEvaluator checks where they are
    // allowed): every request gets the rejection arm, which the replay takes only then.
    m_controller->SetAttribute("AllowReject", BooleanValue(true));
}

void
MecPfmAppHelper::SetPolicy(Ptr<AdmissionPolicy> policy)
{
    m_controller->SetPolicy(policy);
    m_online = true;
}

void
MecPfmAppHelper::SetStateReports(Time interval, bool onChange, Time stop)
{
    NS_LOG_FUNCTION(this << interval << onChange << stop);
    for (ObjectFactory* f : {&m_cloudletFactory, &m_repoFactory})
    {
        f->Set("StateReportInterval", TimeValue(interval));
        f->Set("StateReportOnChange", BooleanValue(onChange));
        f->Set("StateReportStop", TimeValue(stop));
    }
    m_controller->SetAttribute("StateView",
                               EnumValue(interval.IsStrictlyPositive() ? MecPfmController::REPORTS
                                                                       : MecPfmController::LIVE));
}

Ptr<MecPfmController>
MecPfmAppHelper::GetController() const
{
    return m_controller;
}

ApplicationContainer
MecPfmAppHelper::InstallSites(NodeContainer backhaul)
{
    ApplicationContainer apps;
    const auto& nodes = m_problem->GetScenario().nodes;
    const uint32_t dc = m_problem->GetDcSite();
    const uint32_t dcNode = m_problem->GetSiteNode(dc);
    // Under MPI (MecNetworkHelper::SetSystemIds) each rank installs the applications of its
    // own nodes only, and its controller knows only those: no pointer crosses a rank.
    if (IsLocal(backhaul.Get(dcNode)))
    {
        m_repo = m_repoFactory.Create<PfmRepositoryApp>();
        m_repo->SetProblem(m_problem, dc);
        m_repo->SetAttribute("Servers", UintegerValue(std::max(1u, nodes[dcNode].accelerators)));
        m_repo->SetSiteAddresses(m_siteAddress);
        m_repo->SetController(m_controller);
        backhaul.Get(dcNode)->AddApplication(m_repo);
        m_controller->AddSite(dc, m_repo);
        apps.Add(m_repo);
    }
    for (uint32_t c = 0; c < m_problem->GetNCloudlets(); ++c)
    {
        const uint32_t node = m_problem->GetSiteNode(c);
        if (!IsLocal(backhaul.Get(node)))
        {
            continue;
        }
        Ptr<CloudletApp> app = m_cloudletFactory.Create<CloudletApp>();
        app->SetProblem(m_problem, c);
        app->SetAttribute("Servers", UintegerValue(std::max(1u, nodes[node].accelerators)));
        app->SetAttribute("StorageBytes", DoubleValue(m_problem->GetStorageBytes(c)));
        app->SetAttribute("RepositoryAddress", Ipv4AddressValue(m_siteAddress[dc]));
        app->SetSiteAddresses(m_siteAddress);
        app->SetController(m_controller);
        // Under an online policy the blocks placed are only evicted last (BlockStore,
        // PinPlanned): the replay environment's rule.
        app->GetBlockStore()->SetAttribute("PinPlanned", BooleanValue(!m_online));
        app->SetPlannedBlocks(m_held[c]);
        backhaul.Get(node)->AddApplication(app);
        m_controller->AddSite(c, app);
        m_cloudlets[c] = app;
        apps.Add(app);
    }
    // The policy starts (and the slots begin) at time 0, before any request is decided.
    Simulator::ScheduleNow(&MecPfmController::Start, m_controller);
    return apps;
}

ApplicationContainer
MecPfmAppHelper::InstallClients(NodeContainer users, uint32_t home, Ipv4Address remote)
{
    std::vector<InferenceRequest> mine;
    for (const auto& r : m_problem->GetScenario().requests)
    {
        if (r.home == home)
        {
            mine.push_back(r);
        }
    }
    ApplicationContainer apps;
    for (uint32_t i = 0; i < users.GetN(); ++i)
    {
        Ptr<InferenceClientApp> app = m_clientFactory.Create<InferenceClientApp>();
        // Several users at one home share its requests round-robin.
        std::vector<InferenceRequest> part;
        for (uint32_t k = i; k < mine.size(); k += users.GetN())
        {
            part.push_back(mine[k]);
        }
        app->SetRequests(part, m_problem->GetCatalogue().GetTasks());
        app->SetAttribute("RemoteAddress", Ipv4AddressValue(remote));
        // A client of another rank is made but not installed: the random streams of
        // AssignStreams stay those of a sequential run.
        m_clients.Add(app);
        if (!IsLocal(users.Get(i)))
        {
            continue;
        }
        users.Get(i)->AddApplication(app);
        m_controller->ConnectClient(app);
        apps.Add(app);
    }
    return apps;
}

bool
MecPfmAppHelper::IsLocal(Ptr<Node> node)
{
    return node->GetSystemId() == Simulator::GetSystemId();
}

Ptr<PfmRepositoryApp>
MecPfmAppHelper::GetRepository() const
{
    return m_repo;
}

Ptr<CloudletApp>
MecPfmAppHelper::GetCloudlet(uint32_t site) const
{
    return m_cloudlets.at(site);
}

int64_t
MecPfmAppHelper::AssignStreams(int64_t stream)
{
    int64_t used = 0;
    for (uint32_t i = 0; i < m_clients.GetN(); ++i)
    {
        used += DynamicCast<InferenceClientApp>(m_clients.Get(i))->AssignStreams(stream + used);
    }
    return used;
}

} // namespace mecpfm
} // namespace ns3
