/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_FEATURE_SOURCE_H
#define MEC_PFM_FEATURE_SOURCE_H

#include "mec-scenario.h"

#include <cstdint>
#include <string>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief One arm of an admission decision: serve the request at a site with a model, or
 * reject it.
 */
struct AdmissionArm
{
    uint32_t site{0};   //!< serving site (the DC is the last site); unused if reject
    uint32_t model{0};  //!< serving model; unused if reject
    bool reject{false}; //!< the rejection arm
};

/**
 * \ingroup mec-pfm
 * \brief Where the context features of an admission decision come from: the value of
 * feature f for one arm of one request, computed only when a policy observes it.
 *
 * ContextFeatures is the module's feature set over a PlanningProblem and the live state of
 * the sites; tests and benchmarks use synthetic sources.
 */
class FeatureSource
{
  public:
    virtual ~FeatureSource();
    /** \return the number N of features */
    virtual uint32_t GetNFeatures() const = 0;
    /**
     * \param f a feature
     * \return its name (used in decisions.csv's observed column)
     */
    virtual std::string GetName(uint32_t f) const = 0;
    /**
     * \param f a feature
     * \param request the request being decided
     * \param arm a non-rejection arm
     * \return the feature's value for that arm now
     */
    virtual double GetValue(uint32_t f,
                            const InferenceRequest& request,
                            const AdmissionArm& arm) const = 0;
    /**
     * \brief What is known of a feature's weight before any feedback: the prior mean of its
     * coefficient in a linear delay model (default 0: nothing known).
     * \param f a feature
     * \return seconds of delay per unit of the feature
     */
    virtual double GetPrior(uint32_t f) const;
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_FEATURE_SOURCE_H */
