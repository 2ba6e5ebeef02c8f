/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_ACCESS_NETWORK_H
#define MEC_PFM_ACCESS_NETWORK_H

#include "ns3/ipv4-address.h"
#include "ns3/node-container.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

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
 *
 * An access network whose users move between cloudlets (LteAccessNetwork: a handover to
 * the eNB of another cloudlet) fires HomeChanged; MecPfmRunner then sends the user's next
 * requests to the new home (InferenceClientApp::SetHome).
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
    /**
     * \brief The first address of the backhaul's /30 links (MecNetworkHelper::SetNetwork)
     * in a run with this access network: 10.0.0.0, unless the ns-3 helpers the access
     * network uses take that range themselves (ns-3's IPv4 address registry refuses an
     * address given twice).
     * \return the network
     */
    virtual Ipv4Address GetBackhaulNetwork() const;

    /**
     * TracedCallback signature of HomeChanged.
     * \param user the user node
     * \param cloudlet the user's new home cloudlet node
     * \param address the new home's address as the user reaches it
     */
    typedef void (*HomeChangedCallback)(Ptr<Node> user, Ptr<Node> cloudlet, Ipv4Address address);

  protected:
    /**
     * \brief Fire HomeChanged.
     * \param user the user node
     * \param cloudlet its new home cloudlet node
     * \param address the new home's address as the user reaches it
     */
    void NotifyHomeChanged(Ptr<Node> user, Ptr<Node> cloudlet, Ipv4Address address);

  private:
    TracedCallback<Ptr<Node>, Ptr<Node>, Ipv4Address> m_homeChanged; //!< HomeChanged
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_ACCESS_NETWORK_H */
