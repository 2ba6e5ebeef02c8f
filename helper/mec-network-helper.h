/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_MEC_NETWORK_HELPER_H
#define MEC_PFM_MEC_NETWORK_HELPER_H

#include "access-network.h"
#include "point-to-point-access-network.h"

#include "ns3/backhaul-graph.h"
#include "ns3/error-model.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-address.h"
#include "ns3/mec-scenario.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"
#include "ns3/object.h"

#include <array>
#include <memory>
#include <string>
#include <vector>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief Builds the backhaul of a MecScenario: one ns-3 node per scenario node (same
 * index), a point-to-point link per scenario link (rate b_e, delay l_e, MTU Mtu), IPv4
 * addresses (a /30 per link from 10.0.0.0, or SetNetwork's) and STATIC host routes: at every node,
 * toward every address of every site (cloudlets and DC), the next hop of BackhaulGraph::GetPath, so
 * packets follow exactly the planner's routes (GetPath's routes are destination-consistent:
 * a sub-path of a chosen route is the chosen route between its ends).
 *
 * Faults (MecFaultInjector): SetLinkUp drops every packet on a link while it is down (a
 * RateErrorModel of rate 1 on both devices, installed on the first fault); SetNodeUp puts
 * all of a node's IPv4 interfaces down (backhaul and access); UpdateRoutes recomputes the
 * static host routes with BackhaulGraph over the links that are up (the same shortest-delay
 * rule as the planner's routes, over the surviving graph).
 *
 * Speed: the default backhaul MTU is 65000, for TCP segments of 64000 bytes (the module's
 * applications: attribute TcpSegmentSize; MecPfmRunner sets it), about 0.3 s of wall time
 * per simulated GB per hop. For realistic packets use SetMtu(1500) and segments of 1448
 * bytes: about 60 times slower.
 */
class MecNetworkHelper
{
  public:
    MecNetworkHelper();
    /** \param mtu backhaul MTU in bytes (default 65000) */
    void SetMtu(uint32_t mtu);
    /** \return backhaul MTU */
    uint32_t GetMtu() const;
    /** \param network the first link's /30 (default 10.0.0.0); call before Build */
    void SetNetwork(Ipv4Address network);
    /**
     * \brief Set ns-3's TCP defaults as the module's applications set their own sockets
     * (segment size, an ACK per segment), for other applications that must behave alike,
     * such as the BulkSend baseline of ./mec-pfm bench sim. This changes the defaults of
     * every TCP socket created afterwards: the module itself never calls it.
     * \param segmentSize TCP segment size (default 64000; use 1448 with MTU 1500)
     */
    static void ConfigureTcp(uint32_t segmentSize = 64000);
    /**
     * \brief Put each node on an MPI rank (ns-3's system id) for the distributed simulator:
     * a point-to-point link between two ranks becomes a remote channel. Call before Build.
     * \param rankOf rank of each scenario node (empty: every node on rank 0)
     */
    void SetSystemIds(std::vector<uint32_t> rankOf);
    /**
     * \param scenario the scenario (must outlive the helper)
     * \return the backhaul nodes, index = scenario node index
     */
    NodeContainer Build(const MecScenario& scenario);
    /** \return the backhaul nodes */
    NodeContainer GetNodes() const;
    /** \param node scenario node \return its first backhaul address */
    Ipv4Address GetAddress(uint32_t node) const;
    /** \param link scenario link \return its two devices (end a, end b) */
    NetDeviceContainer GetLinkDevices(uint32_t link) const;
    /** \return all backhaul devices */
    NetDeviceContainer GetDevices() const;
    /** \return the routes used */
    const BackhaulGraph& GetGraph() const;
    /**
     * \brief Put a link down (every packet on it is lost, both ways) or up again.
     * \param link scenario link
     * \param up false: down
     */
    void SetLinkUp(uint32_t link, bool up);
    /**
     * \brief Put every IPv4 interface of a node down (it sends and receives nothing, on the
     * backhaul and on its access network) or up again.
     * \param node scenario node
     * \param up false: down
     */
    void SetNodeUp(uint32_t node, bool up);
    /**
     * \brief Replace the static host routes of every backhaul node by those of
     * BackhaulGraph over the links marked usable; the routes toward a destination left
     * unreachable are kept as they were (its packets are lost until a path exists again).
     * \param usable one flag per scenario link
     */
    void UpdateRoutes(const std::vector<bool>& usable);
    /**
     * \brief Write pcap files of the backhaul devices.
     * \param prefix file prefix (directory and name start)
     */
    void EnablePcap(const std::string& prefix) const;

  private:
    /**
     * \brief Add the static host routes of a graph: at every node, toward every address of
     * every site, the next hop of its path.
     * \param graph the routes
     * \param linkOf the scenario link of each link of the graph
     */
    void AddRoutes(const BackhaulGraph& graph, const std::vector<uint32_t>& linkOf);

    const MecScenario* m_scenario{nullptr};                 //!< the scenario built
    std::vector<std::array<uint32_t, 2>> m_ifIndex;         //!< per link and end, interface
    std::vector<std::array<Ipv4Address, 2>> m_linkAddr;     //!< per link and end, address
    std::vector<std::array<Ptr<ErrorModel>, 2>> m_linkDrop; //!< per link and end, when faulted
    uint32_t m_mtu;                                         //!< MTU
    Ipv4Address m_network;                                  //!< first /30
    std::vector<uint32_t> m_rankOf;                         //!< system id per node (empty: all 0)
    NodeContainer m_nodes;                                  //!< nodes
    std::vector<NetDeviceContainer> m_linkDevices;          //!< per link
    std::vector<std::vector<Ipv4Address>> m_addrs;          //!< per node, its addresses
    std::unique_ptr<BackhaulGraph> m_graph;                 //!< routes
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_MEC_NETWORK_HELPER_H */
