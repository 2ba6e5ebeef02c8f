/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_INFERENCE_MESSAGE_H
#define MEC_PFM_INFERENCE_MESSAGE_H

#include "ns3/buffer.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <string>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief How an inference request ended.
 */
enum class InferenceStatus : uint8_t
{
    COMPLETED = 0, //!< served, response received
    REJECTED = 1,  //!< rejected by the admission decision
    FAILED = 2     //!< lost, refused or timed out
};

/**
 * \ingroup mec-pfm
 * \brief Why an inference request FAILED (NONE for the other statuses).
 */
enum class FailureReason : uint8_t
{
    NONE = 0,           //!< not failed
    TIMEOUT = 1,        //!< no response within the client's Timeout
    CONNECT_FAILED = 2, //!< the client could not connect to its home, or lost the connection
    FORWARD_FAILED = 3, //!< the home could not connect to the serving site
    NO_ROOM = 4,        //!< a block of the serving model does not fit the serving cloudlet
    PULL_FAILED = 5,    //!< a pull of a block of the serving model failed
    NODE_DOWN = 6       //!< the serving site or the home went down holding it (a fault)
};

/**
 * \ingroup mec-pfm
 * \param status a status
 * \return its name as the results files write it: completed, rejected, failed
 */
std::string GetStatusName(InferenceStatus status);

/**
 * \ingroup mec-pfm
 * \param reason a reason
 * \return its name: none, timeout, connect-failed, forward-failed, no-room, pull-failed,
 * node-down
 */
std::string GetFailureReasonName(FailureReason reason);

/**
 * \ingroup mec-pfm
 * \brief Everything the request and response headers carry about one inference request.
 *
 * Times are simulation times. The delay parts a client reports are
 * upload = arrived - sent, wait-for-model = modelReady - arrived,
 * queueing = started - modelReady, processing = finished - started,
 * download = received - finished.
 */
struct InferenceMessage
{
    uint32_t requestId{0};                           //!< request id (scenario index)
    uint32_t seq{0};                                 //!< the client's number of this send
    uint32_t home{0};                                //!< home cloudlet (scenario node index)
    uint32_t task{0};                                //!< task (index in the catalogue's tasks)
    double minAccuracy{0};                           //!< accuracy floor
    uint32_t model{0};                               //!< serving model (set by the home)
    uint32_t site{0};                                //!< serving site (set by the home)
    double tokens{0};                                //!< tokens processed
    uint64_t inputBytes{0};                          //!< request payload bytes
    uint64_t outputBytes{0};                         //!< response payload bytes
    bool decided{false};                             //!< model/site are a decision (forwarded)
    InferenceStatus status{InferenceStatus::FAILED}; //!< response status
    FailureReason reason{FailureReason::NONE};       //!< why it failed (status FAILED)
    Time sent;                                       //!< client sent the request
    Time arrived;                                    //!< fully received at the serving site
    Time modelReady;                                 //!< serving model's blocks all present
    Time started;                                    //!< a server started processing
    Time finished;                                   //!< processing finished
};

/**
 * \ingroup mec-pfm
 * \brief Write a double as its IEEE 754 bits (u64, network order).
 * \param i where
 * \param d the value
 */
void WriteDouble(Buffer::Iterator& i, double d);
/**
 * \ingroup mec-pfm
 * \param i where
 * \return a double written by WriteDouble
 */
double ReadDouble(Buffer::Iterator& i);
/**
 * \ingroup mec-pfm
 * \brief Write a time as its time steps (u64, network order).
 * \param i where
 * \param t the time
 */
void WriteTime(Buffer::Iterator& i, Time t);
/**
 * \ingroup mec-pfm
 * \param i where
 * \return a time written by WriteTime
 */
Time ReadTime(Buffer::Iterator& i);

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_INFERENCE_MESSAGE_H */
