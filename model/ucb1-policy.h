/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_UCB1_POLICY_H
#define MEC_PFM_UCB1_POLICY_H

#include "admission-policy.h"

#include <map>
#include <unordered_map>
#include <utility>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief "ucb1": no context at all (Auer, Cesa-Bianchi, Fischer 2002). An arm is a (site,
 * model) pair; its cost is the mean delay fed back for it minus Scale x sqrt(2 ln t / n),
 * Scale the largest delay seen; an arm never tried goes first. Observes no feature.
 */
class Ucb1Policy : public AdmissionPolicy
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    void Start(const AdmissionSetup& setup) override;
    uint32_t Decide(AdmissionQuery& query) override;
    void Feedback(uint64_t decision, double delayS) override;

  private:
    /// Statistics of one arm.
    struct Stat
    {
        double n{0};   //!< feedbacks
        double sum{0}; //!< sum of delays
    };

    std::map<std::pair<uint32_t, uint32_t>, Stat> m_stats;                 //!< per arm
    std::unordered_map<uint64_t, std::pair<uint32_t, uint32_t>> m_pending; //!< awaiting feedback
    double m_total{0};                                                     //!< feedbacks
    double m_scale{0};                                                     //!< largest delay
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_UCB1_POLICY_H */
