/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tsrc-window-policy.h"

#include "ns3/uinteger.h"

namespace ns3
{
namespace mecpfm
{

NS_OBJECT_ENSURE_REGISTERED(TsrcWindowPolicy);

TypeId
TsrcWindowPolicy::GetTypeId()
{
    static TypeId tid = TypeId("ns3::mecpfm::TsrcWindowPolicy")
                            .SetParent<RestrictedContextPolicy>()
                            .SetGroupName("MecPfm")
                            .AddConstructor<TsrcWindowPolicy>()
                            .AddAttribute("Window",
                                          "Learn from the last this many feedbacks only (0: all).",
                                          UintegerValue(2000),
                                          MakeUintegerAccessor(&LinearAdmissionPolicy::SetWindow,
                                                               &LinearAdmissionPolicy::GetWindow),
                                          MakeUintegerChecker<uint32_t>());
    return tid;
}

} // namespace mecpfm
} // namespace ns3
