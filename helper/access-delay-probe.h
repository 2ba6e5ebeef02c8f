/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_ACCESS_DELAY_PROBE_H
#define MEC_PFM_ACCESS_DELAY_PROBE_H

#include "mec-pfm-stats-collector.h"

#include "ns3/application-container.h"
#include "ns3/inference-message.h"
#include "ns3/mec-pfm-controller.h"
#include "ns3/object.h"

#include <map>
#include <vector>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief The access part of a completed request's delay, against the rest.
 *
 * accessUpS: from the send at the user to the request fully read at its home cloudlet;
 * accessDownS: from the response handed to the user's connection at the home to the
 * response fully received at the user. Over LTE (LteAccessNetwork) these are the radio
 * plus the EPC's wired S1-U, S5 and SGi links (0 s delay, 10 Gb/s by default: microseconds),
 * over point-to-point links the access link. backhaulS is what the upload and download
 * parts (MecPfmRequestResult) hold besides them: the forwarding between the home and the
 * serving site, 0 for a request served at its home.
 */
struct AccessDelayParts
{
    bool valid{false};     //!< completed, and both home timestamps were seen
    double accessUpS{0};   //!< user -> home
    double accessDownS{0}; //!< home -> user
    double backhaulS{0};   //!< upload + download - access parts
};

/**
 * \ingroup mec-pfm
 * \brief Timestamps at the home cloudlet (PfmSiteApp's RequestDecided and UserResponseSent)
 * that split a request's upload and download parts into the access and the backhaul.
 * Requests are told apart by id: with Poisson arrivals cycling the list (a request sent
 * more than once) only the last send of an id is kept.
 */
class AccessDelayProbe : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    /**
     * \brief Connect to the trace sources of the site applications (others are skipped).
     * \param sites the applications (MecPfmRunner::GetSiteApps)
     */
    void Connect(ApplicationContainer sites);
    /**
     * \param r a request's result (MecPfmStatsCollector)
     * \return its access and backhaul parts (valid only if it completed and was seen)
     */
    AccessDelayParts GetParts(const MecPfmRequestResult& r) const;
    /**
     * \param results the results of a run
     * \param count set to the number of results averaged
     * \return the mean parts over the completed requests seen
     */
    AccessDelayParts GetMeanParts(const std::vector<MecPfmRequestResult>& results,
                                  uint32_t& count) const;

  private:
    /**
     * \param msg the request as its home decided it
     * \param d the decision
     */
    void Decided(const InferenceMessage& msg, const RequestDecision& d);
    /** \param msg the response handed to the user's connection */
    void Answered(const InferenceMessage& msg);

    std::map<uint32_t, double> m_atHome;   //!< request fully read at the home, by id
    std::map<uint32_t, double> m_answered; //!< response handed to the user, by id
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_ACCESS_DELAY_PROBE_H */
