/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_MEC_FAULT_INJECTOR_H
#define MEC_PFM_MEC_FAULT_INJECTOR_H

#include "mec-network-helper.h"

#include "ns3/mec-scenario.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/pfm-site-app.h"
#include "ns3/traced-callback.h"

#include <map>
#include <vector>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief Carries out the faults of a scenario (MecScenario::faults) during a packet-level
 * run; the fault model is in doc/mec-pfm.rst, "Faults".
 *
 * - link_down: from at_s, every packet on the link is lost, both ways
 *   (MecNetworkHelper::SetLinkUp); at at_s + for_s the link carries packets again.
 * - node_down: from at_s, every IPv4 interface of the node is down
 *   (MecNetworkHelper::SetNodeUp), and a cloudlet's application loses its state
 *   (CloudletApp::SetDown: the requests it holds fail with reason node-down, its pulls are
 *   aborted, its storage is emptied); at at_s + for_s the interfaces are up again and the
 *   cloudlet pulls its plan's blocks again (CloudletApp::SetUp).
 * - Routes: RouteUpdateDelay after each change (a fault or a recovery), the static routes
 *   of every node are recomputed by the planner's rule (shortest delay, BackhaulGraph) over
 *   the links that are up and whose ends are up (MecNetworkHelper::UpdateRoutes). Until
 *   then packets keep the old routes (and are lost on a link that is down); the routes
 *   toward a destination left without a path are kept. A node that comes back gets the
 *   routes of that instant at once (going down erased its own).
 *
 * Overlapping faults of one link or node are allowed: it is down while any of them lasts.
 */
class MecFaultInjector : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    MecFaultInjector();

    /// TracedCallback signature of Fault: (fault index, true at its start, false at its end).
    typedef void (*FaultCallback)(uint32_t fault, bool active);

    /**
     * \param net the network (built; it must outlive the run)
     * \param scenario the scenario whose faults to carry out (must outlive the run)
     * \param sites the site application of each node that has one (cloudlets, the DC)
     */
    void Setup(MecNetworkHelper* net,
               const MecScenario& scenario,
               const std::map<uint32_t, Ptr<PfmSiteApp>>& sites);
    /** \brief Schedule the start and the end of every fault. */
    void Schedule();

  protected:
    void DoDispose() override;

  private:
    /** \param f the fault that starts now */
    void Begin(uint32_t f);
    /** \param f the fault that ends now */
    void End(uint32_t f);
    /** Recompute the routes over the links that are up. */
    void Reroute();

    MecNetworkHelper* m_net{nullptr};            //!< the network
    const MecScenario* m_scenario{nullptr};      //!< the scenario
    std::map<uint32_t, Ptr<PfmSiteApp>> m_sites; //!< site application by node
    std::vector<uint32_t> m_linkDown;            //!< faults under way, per link
    std::vector<uint32_t> m_nodeDown;            //!< faults under way, per node
    Time m_routeDelay;                           //!< RouteUpdateDelay
    TracedCallback<uint32_t, bool> m_faultTrace; //!< Fault
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_MEC_FAULT_INJECTOR_H */
