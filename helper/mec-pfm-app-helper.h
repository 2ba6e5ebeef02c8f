/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_MEC_PFM_APP_HELPER_H
#define MEC_PFM_MEC_PFM_APP_HELPER_H

#include "ns3/admission-policy.h"
#include "ns3/application-container.h"
#include "ns3/cloudlet-app.h"
#include "ns3/inference-client-app.h"
#include "ns3/mec-pfm-controller.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"
#include "ns3/pfm-repository-app.h"
#include "ns3/placement-plan.h"
#include "ns3/plan-replay-policy.h"
#include "ns3/planning-problem.h"

#include <memory>
#include <vector>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief Installs the module's applications, in the style of ns-3's application helpers:
 * the repository on the data center node, a CloudletApp on each cloudlet node, and
 * InferenceClientApps on user nodes; each Install returns an ApplicationContainer.
 *
 * The site applications share one MecPfmController whose AdmissionPolicy decides per
 * request; SetPlan() sets a PlanReplayPolicy and the blocks each cloudlet holds. What the
 * scenario says of a site (its servers, a cloudlet's storage) becomes the application's
 * Attributes (Servers, StorageBytes); the rest is set through the Set*Attribute calls.
 */
class MecPfmAppHelper
{
  public:
    /**
     * \param problem the problem (shared with the applications)
     * \param siteAddresses backhaul address of each site, by site index
     */
    MecPfmAppHelper(std::shared_ptr<const PlanningProblem> problem,
                    std::vector<Ipv4Address> siteAddresses);
    /**
     * \param name attribute of ns3::mecpfm::CloudletApp \param value its value
     */
    void SetCloudletAttribute(const std::string& name, const AttributeValue& value);
    /**
     * \param name attribute of ns3::mecpfm::PfmRepositoryApp \param value its value
     */
    void SetRepositoryAttribute(const std::string& name, const AttributeValue& value);
    /**
     * \param name attribute of ns3::mecpfm::InferenceClientApp \param value its value
     */
    void SetClientAttribute(const std::string& name, const AttributeValue& value);
    /**
     * \brief Set an attribute of every application this helper installs (those of
     * ns3::mecpfm::MecPfmApplication: the TCP settings of their sockets).
     * \param name the attribute \param value its value
     */
    void SetApplicationAttribute(const std::string& name, const AttributeValue& value);
    /**
     * \brief Replay this plan: held blocks per cloudlet and a PlanReplayPolicy.
     * \param plan the plan
     */
    void SetPlan(const PlacementPlan& plan);
    /**
     * \brief Decide each request online with this policy (replaces the plan's replay). The
     * cloudlets start with their resident blocks, and the blocks the policy places
     * (AdmissionPolicy::PlanSlot) are only evicted last (BlockStore's PinPlanned false),
     * as in the replay environment. Call before InstallSites.
     * \param policy the per-request policy
     */
    void SetPolicy(Ptr<AdmissionPolicy> policy);
    /**
     * \brief Decide from state reports instead of live reads: every site sends its
     * SiteStateReport every interval to the other cloudlets (PfmSiteApp's
     * StateReportInterval, StateReportOnChange) and the controller's StateView is
     * "reports". An interval of 0 restores live reads and no reports (the default).
     * Call before InstallSites.
     * \param interval T
     * \param onChange skip a report whose state equals the last one sent
     * \param stop no report after this time (0: none; PfmSiteApp's StateReportStop)
     */
    void SetStateReports(Time interval, bool onChange, Time stop = Seconds(0));
    /** \return the controller shared by the site applications */
    Ptr<MecPfmController> GetController() const;
    /**
     * \brief Install the site applications on backhaul nodes: the repository on the data
     * center, a CloudletApp on each cloudlet; other nodes are skipped.
     * \param backhaul nodes indexed as the scenario's nodes
     * \return the applications (the repository first, then cloudlets by site)
     */
    ApplicationContainer InstallSites(NodeContainer backhaul);
    /**
     * \brief Install one InferenceClientApp on each user node.
     * \param users user nodes
     * \param home the scenario node of their home cloudlet
     * \param remote the cloudlet's address as the users reach it
     * \return the applications
     */
    ApplicationContainer InstallClients(NodeContainer users, uint32_t home, Ipv4Address remote);
    /**
     * \param node a node
     * \return whether its events run on this MPI rank (always in a sequential run)
     */
    static bool IsLocal(Ptr<Node> node);
    /** \return the repository application (after InstallSites; null on another rank) */
    Ptr<PfmRepositoryApp> GetRepository() const;
    /**
     * \param site a cloudlet site
     * \return its application (after InstallSites; null on another rank)
     */
    Ptr<CloudletApp> GetCloudlet(uint32_t site) const;
    /**
     * \brief Fix the random streams of the clients installed so far (Poisson gaps).
     * \param stream first stream index
     * \return streams used
     */
    int64_t AssignStreams(int64_t stream);

  private:
    std::shared_ptr<const PlanningProblem> m_problem; //!< problem
    std::vector<Ipv4Address> m_siteAddress;           //!< site addresses
    ObjectFactory m_cloudletFactory;                  //!< CloudletApp
    ObjectFactory m_repoFactory;                      //!< PfmRepositoryApp
    ObjectFactory m_clientFactory;                    //!< InferenceClientApp
    Ptr<MecPfmController> m_controller;               //!< controller
    std::vector<std::vector<uint32_t>> m_held;        //!< held blocks per cloudlet
    bool m_online{false};                             //!< a policy places the blocks
    Ptr<PfmRepositoryApp> m_repo;                     //!< repository
    std::vector<Ptr<CloudletApp>> m_cloudlets;        //!< by site
    ApplicationContainer m_clients;                   //!< clients
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_MEC_PFM_APP_HELPER_H */
