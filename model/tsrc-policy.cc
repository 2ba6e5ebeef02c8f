/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tsrc-policy.h"

#include "ns3/uinteger.h"

namespace ns3
{
namespace mecpfm
{

NS_OBJECT_ENSURE_REGISTERED(TsrcPolicy);

TypeId
TsrcPolicy::GetTypeId()
{
    static TypeId tid = TypeId("ns3::mecpfm::TsrcPolicy")
                            .SetParent<RestrictedContextPolicy>()
                            .SetGroupName("MecPfm")
                            .AddConstructor<TsrcPolicy>()
                            .AddAttribute("Window",
                                          "Learn from the last this many feedbacks only (0: all).",
                                          UintegerValue(0),
                                          MakeUintegerAccessor(&LinearAdmissionPolicy::SetWindow,
                                                               &LinearAdmissionPolicy::GetWindow),
                                          MakeUintegerChecker<uint32_t>());
    return tid;
}

} // namespace mecpfm
} // namespace ns3
