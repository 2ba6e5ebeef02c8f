/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_MEC_PFM_ONLINE_HELPER_H
#define MEC_PFM_MEC_PFM_ONLINE_HELPER_H

#include "ns3/online-replay.h"
#include "ns3/online-report.h"
#include "ns3/planning-problem.h"

#include <memory>
#include <string>
#include <vector>

namespace ns3
{
namespace mecpfm
{

struct MecPfmRunConfig;

/**
 * \ingroup mec-pfm
 * \brief Runs one online admission policy on a problem in either mode of doc/online.rst and
 * returns its OnlineReport: "replay" (OnlineReplay, no packets) or "packet" (MecPfmRunner
 * with the policy in MecPfmRunConfig::policy; the decisions the controller made, with the
 * delays the clients measured). What `./mec-pfm online` and the mec-pfm-online example run.
 */
class MecPfmOnlineHelper
{
  public:
    /** \param problem the problem (its requests are the demand) */
    explicit MecPfmOnlineHelper(std::shared_ptr<const PlanningProblem> problem);
    /**
     * \brief Check a run's options before running it (the tool and the example call it).
     * \param policies the policies' short names
     * \param mode "replay" or "packet"
     * \param features d, the features a restricted-context policy observes
     * \param seed the RngRun
     * \param config the knobs of the run
     * \return empty if the options are valid, else a message that names the option
     * ("--features: ...")
     */
    std::string Check(const std::vector<std::string>& policies,
                      const std::string& mode,
                      uint32_t features,
                      uint32_t seed,
                      const OnlineConfig& config) const;
    /** \param config the knobs of the run (both modes) */
    void SetConfig(const OnlineConfig& config);
    /** \param d features a restricted-context policy observes */
    void SetFeatures(uint32_t d);
    /** \param seed the RngRun of the run (reported; set it with RngSeedManager::SetRun) */
    void SetSeed(uint32_t seed);
    /**
     * \brief Run a policy.
     * \param policy the policy's short name (AdmissionPolicy::CreateByName)
     * \param mode "replay" or "packet"
     * \return the report
     * \throws std::invalid_argument for an unknown policy or mode, or a packet run whose
     * configuration MecPfmRunner refuses (the message says why)
     */
    OnlineReport Run(const std::string& policy, const std::string& mode) const;
    /**
     * \brief Prepare a packet-level run of a policy that the caller runs itself (the MPI
     * example does, one policy object per rank): the policy, the controller's attributes
     * (as Config defaults: MecPfmRunner creates the controller) and the state reports.
     * \param name the policy's short name
     * \param[in,out] cfg the run's configuration: policy, stateReportS and
     * stateReportOnChange are set
     * \return the policy (its streams assigned and Features set)
     */
    Ptr<AdmissionPolicy> PreparePacket(const std::string& name, MecPfmRunConfig& cfg) const;
    /**
     * \brief The report of a packet-level run.
     * \param name the policy's short name
     * \param policy the policy PreparePacket returned
     * \param decided the records of the run's controllers (every rank's; any order)
     * \param measured what the run measured: wallS, policyWallS, reportAgeMeanS,
     * reportAgeMaxS, pulledBytes, cost and featureNames; the rest is filled here
     * \return the report, one record per request in arrival order (a request no controller
     * decided, lost on its way to its home, ends failed)
     */
    OnlineReport MakePacketReport(const std::string& name,
                                  Ptr<AdmissionPolicy> policy,
                                  const std::vector<OnlineRecord>& decided,
                                  OnlineRunInfo measured) const;

  private:
    /**
     * \param name the policy
     * \return the policy, its streams assigned and Features set
     */
    Ptr<AdmissionPolicy> MakePolicy(const std::string& name) const;
    /**
     * \param name the policy
     * \return the report of a replay run
     */
    OnlineReport RunReplay(const std::string& name) const;
    /**
     * \param name the policy
     * \return the report of a packet-level run
     */
    OnlineReport RunPacket(const std::string& name) const;

    std::shared_ptr<const PlanningProblem> m_problem; //!< problem
    OnlineConfig m_config;                            //!< knobs
    uint32_t m_features{4};                           //!< d
    uint32_t m_seed{1};                               //!< RngRun
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_MEC_PFM_ONLINE_HELPER_H */
