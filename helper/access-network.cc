/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "access-network.h"

#include "ns3/log.h"
#include "ns3/node.h"

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("AccessNetwork");
NS_OBJECT_ENSURE_REGISTERED(AccessNetwork);

TypeId
AccessNetwork::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::mecpfm::AccessNetwork")
            .SetParent<Object>()
            .SetGroupName("MecPfm")
            .AddTraceSource("HomeChanged",
                            "A user now reaches another home cloudlet (a handover): the user, "
                            "the new home and its address.",
                            MakeTraceSourceAccessor(&AccessNetwork::m_homeChanged),
                            "ns3::mecpfm::AccessNetwork::HomeChangedCallback");
    return tid;
}

Ipv4Address
AccessNetwork::GetBackhaulNetwork() const
{
    return Ipv4Address("10.0.0.0");
}

void
AccessNetwork::NotifyHomeChanged(Ptr<Node> user, Ptr<Node> cloudlet, Ipv4Address address)
{
    NS_LOG_FUNCTION(this << user << cloudlet << address);
    m_homeChanged(user, cloudlet, address);
}

AccessNetwork::~AccessNetwork() = default;

} // namespace mecpfm
} // namespace ns3
