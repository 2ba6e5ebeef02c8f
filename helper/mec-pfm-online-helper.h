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
