/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_ADMISSION_POLICY_H
#define MEC_PFM_ADMISSION_POLICY_H

#include "admission-query.h"
#include "mec-scenario.h"

#include "ns3/object.h"
#include "ns3/ptr.h"

#include <algorithm>
#include <string>
#include <vector>

namespace ns3
{
namespace mecpfm
{

class PlanningProblem;

/**
 * \ingroup mec-pfm
 * \brief What a run tells a policy before its first decision.
 */
struct AdmissionSetup
{
    const PlanningProblem* problem{nullptr}; //!< the problem (null in synthetic environments)
    double accuracyWeightS{0};               //!< seconds of delay one unit of accuracy is worth
    double rejectPenaltyS{60};               //!< cost of a rejection, seconds
    double failPenaltyS{60};                 //!< cost fed back for a request that failed, seconds
    double slotS{0};                         //!< slot length (0: no slots)
};

/**
 * \ingroup mec-pfm
 * \brief A slot boundary: what a policy may use to choose the blocks the cloudlets hold.
 */
struct AdmissionSlot
{
    uint32_t index{0};                  //!< slot number, from 0
    double startS{0};                   //!< slot start
    double endS{0};                     //!< slot end (+infinity: one slot spans the run)
    std::vector<InferenceRequest> seen; //!< requests decided in the previous slot

    /**
     * \param horizonS the scenario's horizon
     * \return the slot's length; for the one slot of a run without slots, the horizon
     * from its start (at least 1 s)
     */
    double GetLengthS(double horizonS) const
    {
        return endS - startS < 1e300 ? endS - startS : std::max(1.0, horizonS - startS);
    }
};

/**
 * \ingroup mec-pfm
 * \brief The online admission policy: for each arriving request, which arm (site and model,
 * or rejection) serves it; learns from the measured delay when the response arrives.
 *
 * The same object runs in both modes of doc/online.rst: in OnlineReplay (no packets) and
 * in the packet-level simulation, whose controller asks it. Feedback arrives when the
 * response does: later than the decision, and out of order; a policy never sees a delay
 * before its response has arrived.
 *
 * Policies are chosen by TypeId; short names map to ns3::mecpfm::<CamelCase>Policy
 * ("tsrc" -> TsrcPolicy, "home-greedy" -> HomeGreedyPolicy).
 */
class AdmissionPolicy : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    ~AdmissionPolicy() override;

    /**
     * \brief Called once before the first decision.
     * \param setup the run's problem and objective weights
     */
    virtual void Start(const AdmissionSetup& setup);
    /**
     * \brief Choose an arm.
     * \param query the decision (the policy observes the features it uses through it)
     * \return the index of the chosen arm in query.GetArms()
     */
    virtual uint32_t Decide(AdmissionQuery& query) = 0;
    /**
     * \brief The outcome of a served request, once its response arrived (or it failed).
     * \param decision the decision's number (AdmissionQuery::GetId)
     * \param delayS the measured end-to-end delay, or the fail penalty if it failed
     */
    virtual void Feedback(uint64_t decision, double delayS);
    /**
     * \brief A slot boundary: the policy may set the blocks each cloudlet should hold
     * (pulled now; blocks outside it become evictable). Default: no change.
     * \param slot the slot starting
     * \param held set to the blocks per cloudlet site (sorted) if the return value is true
     * \return whether the policy sets the held blocks
     */
    virtual bool PlanSlot(const AdmissionSlot& slot, std::vector<std::vector<uint32_t>>& held);
    /**
     * \param stream first random stream
     * \return streams used
     */
    virtual int64_t AssignStreams(int64_t stream);

    /**
     * \brief Create a policy from a short name ("tsrc", "home-greedy") or a TypeId name.
     * \param name the name
     * \return the policy, or nullptr if none has that name
     */
    static Ptr<AdmissionPolicy> CreateByName(const std::string& name);
    /** \return the short names of every registered policy, sorted */
    static std::vector<std::string> GetShortNames();

  protected:
    /** \return what Start() was given */
    const AdmissionSetup& GetSetup() const;
    /**
     * \brief The cost an arm is chosen by: its delay minus the accuracy bonus, or the
     * rejection penalty (doc/online.rst, "Reward").
     * \param arm the arm
     * \param delayS the arm's (predicted or measured) delay
     * \return the cost
     */
    double GetArmCost(const AdmissionArm& arm, double delayS) const;

  private:
    AdmissionSetup m_setup; //!< setup of the run
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_ADMISSION_POLICY_H */
