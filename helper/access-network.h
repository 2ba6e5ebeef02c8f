/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_ACCESS_NETWORK_H
#define MEC_PFM_ACCESS_NETWORK_H

#include "ns3/ipv4-address.h"
#include "ns3/node-container.h"
#include "ns3/object.h"

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief How users reach their home cloudlet. Subclass it to use any ns-3 devices (Wi-Fi,
 * LTE, CSMA...): Attach installs devices on the cloudlet and the users (whose internet
 * stack is installed already), assigns IPv4 addresses in one subnet, and returns the
 * cloudlet's address on it (where the users send their requests).
 */
class AccessNetwork : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    ~AccessNetwork() override;
    /**
     * \param cloudlet the cloudlet node
     * \param users the user nodes homed there
     * \return the cloudlet's address as the users reach it
     */
    virtual Ipv4Address Attach(Ptr<Node> cloudlet, NodeContainer users) = 0;
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_ACCESS_NETWORK_H */
