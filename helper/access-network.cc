/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "access-network.h"

#include "ns3/log.h"

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
        TypeId("ns3::mecpfm::AccessNetwork").SetParent<Object>().SetGroupName("MecPfm");
    return tid;
}

AccessNetwork::~AccessNetwork() = default;

} // namespace mecpfm
} // namespace ns3
