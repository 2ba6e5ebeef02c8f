/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_ONLINE_RECORD_H
#define MEC_PFM_ONLINE_RECORD_H

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief How a request of an online run ended.
 */
enum class OnlineOutcome : uint8_t
{
    COMPLETED = 0, //!< served, response received
    REJECTED = 1,  //!< the policy chose the rejection arm
    FAILED = 2     //!< lost or timed out (packet mode)
};

/**
 * \ingroup mec-pfm
 * \brief One decision of an online run: a row of decisions.csv (doc/online.rst, "Outputs").
 */
struct OnlineRecord
{
    uint32_t requestId{0};                        //!< request id
    double timeS{0};                              //!< decision time
    int64_t site{-1};                             //!< serving site, -1 if rejected
    int64_t model{-1};                            //!< serving model, -1 if rejected
    int64_t servedSite{-1};                       //!< where it was served (-1: nowhere)
    bool rerouted{false};                         //!< its pull was refused: served at the DC
    OnlineOutcome outcome{OnlineOutcome::FAILED}; //!< how it ended
    double delayS{0};                             //!< measured delay (completed)
    double reward{0};                             //!< -(cost): doc/online.rst, "Reward"
    double regretS{0};                            //!< cost minus the best arm's (predicted)
    double accuracy{0};                           //!< accuracy of the serving model
    double flops{0};                              //!< FLOPs of the request (served)
    std::vector<uint32_t> observed;               //!< features observed
    bool ended{false};                            //!< its outcome is known
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_ONLINE_RECORD_H */
