/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "inference-message.h"

#include "ns3/log.h"

#include <cstring>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("InferenceMessage");

std::string
GetStatusName(InferenceStatus status)
{
    switch (status)
    {
    case InferenceStatus::COMPLETED:
        return "completed";
    case InferenceStatus::REJECTED:
        return "rejected";
    default:
        return "failed";
    }
}

std::string
GetFailureReasonName(FailureReason reason)
{
    switch (reason)
    {
    case FailureReason::TIMEOUT:
        return "timeout";
    case FailureReason::CONNECT_FAILED:
        return "connect-failed";
    case FailureReason::FORWARD_FAILED:
        return "forward-failed";
    case FailureReason::NO_ROOM:
        return "no-room";
    case FailureReason::PULL_FAILED:
        return "pull-failed";
    case FailureReason::NODE_DOWN:
        return "node-down";
    default:
        return "none";
    }
}

void
WriteDouble(Buffer::Iterator& i, double d)
{
    uint64_t u;
    std::memcpy(&u, &d, sizeof u);
    i.WriteHtonU64(u);
}

double
ReadDouble(Buffer::Iterator& i)
{
    uint64_t u = i.ReadNtohU64();
    double d;
    std::memcpy(&d, &u, sizeof d);
    return d;
}

void
WriteTime(Buffer::Iterator& i, Time t)
{
    i.WriteHtonU64(static_cast<uint64_t>(t.GetTimeStep()));
}

Time
ReadTime(Buffer::Iterator& i)
{
    return TimeStep(static_cast<uint64_t>(i.ReadNtohU64()));
}

} // namespace mecpfm
} // namespace ns3
