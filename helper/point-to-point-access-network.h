/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_POINT_TO_POINT_ACCESS_NETWORK_H
#define MEC_PFM_POINT_TO_POINT_ACCESS_NETWORK_H

#include "access-network.h"

#include "ns3/data-rate.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/nstime.h"

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief The default access network: one point-to-point link per user, user side at the
 * uplink rate, cloudlet side at the downlink rate (MecScenario::uplinkBps/downlinkBps).
 * Each user's default route is its link, so all the users of one Attach reach the one
 * cloudlet address it returns.
 */
class PointToPointAccessNetwork : public AccessNetwork
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    PointToPointAccessNetwork();
    Ipv4Address Attach(Ptr<Node> cloudlet, NodeContainer users) override;

  private:
    DataRate m_up;            //!< uplink rate
    DataRate m_down;          //!< downlink rate
    Time m_delay;             //!< propagation delay
    uint32_t m_mtu;           //!< MTU
    Ipv4AddressHelper m_ipv4; //!< addresses (10.128.0.0/30 on)
    bool m_ipv4Init;          //!< base set
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_POINT_TO_POINT_ACCESS_NETWORK_H */
