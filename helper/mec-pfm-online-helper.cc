/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mec-pfm-online-helper.h"

#include "mec-pfm-runner.h"

#include "ns3/admission-policy.h"
#include "ns3/boolean.h"
#include "ns3/config.h"
#include "ns3/context-features.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/mec-pfm-controller.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <chrono>
#include <sstream>
#include <stdexcept>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("MecPfmOnlineHelper");

MecPfmOnlineHelper::MecPfmOnlineHelper(std::shared_ptr<const PlanningProblem> problem)
    : m_problem(std::move(problem))
{
}

std::string
MecPfmOnlineHelper::Check(const std::vector<std::string>& policies,
                          const std::string& mode,
                          uint32_t features,
                          uint32_t seed,
                          const OnlineConfig& config) const
{
    if (mode != "replay" && mode != "packet")
    {
        return "--mode: \"" + mode + "\" is not replay or packet";
    }
    if (policies.empty())
    {
        return "--policy: missing (--list shows them)";
    }
    for (const auto& n : policies)
    {
        if (n.empty())
        {
            return "--policy: missing (--list shows them)";
        }
        if (!AdmissionPolicy::CreateByName(n))
        {
            std::string all;
            for (const auto& s : AdmissionPolicy::GetShortNames())
            {
                all += " " + s;
            }
            return std::string(policies.size() > 1 ? "--policies" : "--policy") +
                   ": unknown policy \"" + n + "\"; one of:" + all;
        }
    }
    const uint32_t n = ContextFeatures::N_FEATURES;
    if (features < 1 || features > n)
    {
        return "--features: " + std::to_string(features) + " is not in 1.." + std::to_string(n) +
               " (the context has " + std::to_string(n) + " features)";
    }
    if (seed < 1)
    {
        return "--seed: must be >= 1";
    }
    const double horizon = m_problem->GetScenario().horizonS;
    const double maxSlots = 1e6;
    if (!(config.slotS >= 0))
    {
        return "--slot: must be >= 0 (0: one slot spans the run)";
    }
    if (config.slotS > 0 && horizon / config.slotS > maxSlots)
    {
        std::ostringstream os;
        os << "--slot: " << config.slotS << " s cuts the horizon of " << horizon
           << " s into more than 10^6 slots";
        return os.str();
    }
    if (!(config.rejectPenaltyS >= 0) || !(config.failPenaltyS >= 0))
    {
        return std::string(config.rejectPenaltyS >= 0 ? "--fail-penalty" : "--reject-penalty") +
               ": must be >= 0";
    }
    if (!(config.accuracyWeightS >= 0))
    {
        return "--accuracy-weight: must be >= 0";
    }
    // Below 1 ms every site sends more reports than the run has other events
    // (MecPfmRunner::CheckConfig, which says the same).
    if (!(config.stateReportS == 0 || (config.stateReportS >= 1e-3 && config.stateReportS <= 1e9)))
    {
        return "--stateReports: must be 0 (live reads) or in [0.001, 1e9] seconds";
    }
    if (config.stateReportS > 0 && mode != "packet")
    {
        return "--stateReports: state reports travel in packets: only with --mode=packet";
    }
    if (config.stateReportOnChange && !(config.stateReportS > 0))
    {
        return "--onChange: only with --stateReports=T, T > 0";
    }
    return "";
}

void
MecPfmOnlineHelper::SetConfig(const OnlineConfig& config)
{
    m_config = config;
}

void
MecPfmOnlineHelper::SetFeatures(uint32_t d)
{
    m_features = d;
}

void
MecPfmOnlineHelper::SetSeed(uint32_t seed)
{
    m_seed = seed;
}

OnlineReport
MecPfmOnlineHelper::Run(const std::string& policy, const std::string& mode) const
{
    NS_LOG_FUNCTION(this << policy << mode);
    if (!AdmissionPolicy::CreateByName(policy))
    {
        throw std::invalid_argument("unknown policy \"" + policy + "\"");
    }
    if (mode == "replay")
    {
        return RunReplay(policy);
    }
    if (mode == "packet")
    {
        return RunPacket(policy);
    }
    throw std::invalid_argument("mode \"" + mode + "\" is not replay or packet");
}

Ptr<AdmissionPolicy>
MecPfmOnlineHelper::MakePolicy(const std::string& name) const
{
    Ptr<AdmissionPolicy> policy = AdmissionPolicy::CreateByName(name);
    policy->SetAttributeFailSafe("Features", UintegerValue(m_features));
    policy->AssignStreams(0);
    return policy;
}

OnlineReport
MecPfmOnlineHelper::RunReplay(const std::string& name) const
{
    Ptr<AdmissionPolicy> policy = MakePolicy(name);
    auto t0 = std::chrono::steady_clock::now();
    OnlineReplay replay(*m_problem, m_config);
    auto records = replay.Run(*policy);
    OnlineRunInfo info;
    info.policy = name;
    info.mode = "replay";
    info.seed = m_seed;
    UintegerValue d;
    info.features = policy->GetAttributeFailSafe("Features", d) ? m_features : 0;
    info.slotS = m_config.slotS;
    info.wallS = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    info.policyWallS = replay.GetPolicyWallSeconds();
    info.pulledBytes = replay.GetPulledBytes();
    info.storageByteSeconds = replay.GetStorageByteSeconds();
    for (uint32_t f = 0; f < replay.GetFeatures().GetNFeatures(); ++f)
    {
        info.featureNames.push_back(replay.GetFeatures().GetName(f));
    }
    return OnlineReport(*m_problem, std::move(records), info);
}

Ptr<AdmissionPolicy>
MecPfmOnlineHelper::PreparePacket(const std::string& name, MecPfmRunConfig& cfg) const
{
    Ptr<AdmissionPolicy> policy = MakePolicy(name);
    // The controller is created inside the runner: its attributes come from the defaults.
    const std::string c = "ns3::mecpfm::MecPfmController::";
    Config::SetDefault(c + "Neighbours", UintegerValue(m_config.neighbours));
    Config::SetDefault(c + "AllowReject", BooleanValue(m_config.allowReject));
    Config::SetDefault(c + "RejectPenalty", DoubleValue(m_config.rejectPenaltyS));
    Config::SetDefault(c + "FailPenalty", DoubleValue(m_config.failPenaltyS));
    Config::SetDefault(c + "AccuracyWeight", DoubleValue(m_config.accuracyWeightS));
    Config::SetDefault(c + "SlotLength", TimeValue(Seconds(m_config.slotS)));
    cfg.policy = policy;
    cfg.stateReportS = m_config.stateReportS;
    cfg.stateReportOnChange = m_config.stateReportOnChange;
    return policy;
}

OnlineReport
MecPfmOnlineHelper::MakePacketReport(const std::string& name,
                                     Ptr<AdmissionPolicy> policy,
                                     const std::vector<OnlineRecord>& decided,
                                     OnlineRunInfo measured) const
{
    // One record per request in arrival order; a request never decided (lost on its way to
    // its home) ends failed.
    const auto& reqs = m_problem->GetScenario().requests;
    std::vector<OnlineRecord> records(reqs.size());
    for (uint32_t i = 0; i < reqs.size(); ++i)
    {
        records[i].requestId = reqs[i].id;
        records[i].timeS = reqs[i].arrivalS;
        records[i].ended = true;
    }
    for (const OnlineRecord& r : decided)
    {
        records.at(r.requestId) = r; // scenario ids are indices in arrival order
    }
    OnlineRunInfo info = std::move(measured);
    info.policy = name;
    info.mode = "packet";
    info.seed = m_seed;
    UintegerValue d;
    info.features = policy->GetAttributeFailSafe("Features", d) ? m_features : 0;
    info.slotS = m_config.slotS;
    info.stateReportS = m_config.stateReportS;
    info.stateReportOnChange = m_config.stateReportOnChange;
    return OnlineReport(*m_problem, std::move(records), info);
}

OnlineReport
MecPfmOnlineHelper::RunPacket(const std::string& name) const
{
    MecPfmRunner runner(m_problem, PlacementPlan::CloudOnly(*m_problem), name);
    MecPfmRunConfig cfg;
    Ptr<AdmissionPolicy> policy = PreparePacket(name, cfg);
    auto t0 = std::chrono::steady_clock::now();
    if (!runner.Run(cfg))
    {
        Simulator::Destroy();
        throw std::invalid_argument(runner.GetError());
    }
    OnlineRunInfo info;
    info.wallS = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    Ptr<MecPfmController> controller = runner.GetController();
    controller->GetReportAge(info.reportAgeMeanS, info.reportAgeMaxS);
    info.policyWallS = controller->GetPolicyWallSeconds();
    info.pulledBytes = runner.GetSummary().pulledBytes;
    info.cost = runner.GetSummary().cost;
    const ContextFeatures& features = controller->GetFeatures();
    for (uint32_t f = 0; f < features.GetNFeatures(); ++f)
    {
        info.featureNames.push_back(features.GetName(f));
    }
    OnlineReport report = MakePacketReport(name, policy, controller->GetRecords(), info);
    Simulator::Destroy();
    return report;
}

} // namespace mecpfm
} // namespace ns3
