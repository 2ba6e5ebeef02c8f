/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_ONLINE_REPORT_H
#define MEC_PFM_ONLINE_REPORT_H

#include "online-record.h"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace ns3
{
namespace mecpfm
{

class PlanningProblem;

/**
 * \ingroup mec-pfm
 * \brief What an online run was, besides its decisions.
 */
struct OnlineRunInfo
{
    std::string policy;                    //!< policy short name
    std::string mode;                      //!< "replay" or "packet"
    uint32_t seed{1};                      //!< RngRun
    uint32_t features{0};                  //!< d of restricted-context policies (0: n/a)
    double slotS{0};                       //!< slot length
    double stateReportS{0};                //!< packet mode: state report interval (0: live)
    bool stateReportOnChange{false};       //!< reports skipped while the state is unchanged
    double reportAgeMeanS{0};              //!< mean age of the reports decisions read
    double reportAgeMaxS{0};               //!< largest such age
    double wallS{0};                       //!< wall seconds of the run
    double policyWallS{-1};                //!< of which in the policy's calls (< 0: unknown)
    double pulledBytes{0};                 //!< bytes pulled
    double storageByteSeconds{0};          //!< integral of the bytes held at cloudlets
    double cost{-1};                       //!< the operating cost if measured elsewhere
                                           //!< (packet mode: MecPfmStatsCollector); < 0:
                                           //!< computed from the records and the two above
    std::vector<std::string> featureNames; //!< names of the N features
};

/**
 * \ingroup mec-pfm
 * \brief One MPI rank's part of a packet-level online run (mec-pfm-geant-mpi): its
 * controller's decisions and what it measured. OnlineReport::MergeRankPart adds parts up.
 */
struct OnlineRankPart
{
    std::vector<OnlineRecord> records; //!< the decisions of this rank's homes
    double policyWallS{0};             //!< wall seconds in the policy's calls (summed)
    double reportAgeMeanS{0};          //!< mean age of the reports decisions read
    double reportAgeMaxS{0};           //!< largest such age
    uint64_t reportAges{0};            //!< how many ages the mean is over
};

/**
 * \ingroup mec-pfm
 * \brief The results of an online run, in the formats other tools read (doc/online.rst,
 * "Outputs"): decisions.csv, the summary JSON and its one-line form.
 */
class OnlineReport
{
  public:
    /**
     * \param problem the run's problem (for names and prices)
     * \param records one per request, in arrival order
     * \param info the run's description
     */
    OnlineReport(const PlanningProblem& problem,
                 std::vector<OnlineRecord> records,
                 OnlineRunInfo info);
    /** \return the records */
    const std::vector<OnlineRecord>& GetRecords() const;
    /**
     * \return the summary: policy, mode, decisions, completed, rejected, failed,
     * mean_delay_s, total_delay_s, avg_accuracy, cost, pulled_bytes, regret_s, wall_s,
     * decisions_per_s and more
     */
    const nlohmann::json& GetSummary() const;
    /**
     * \param path where to write decisions.csv
     * \return false if it could not be written
     */
    bool WriteDecisionsCsv(const std::string& path) const;
    /**
     * \param path where to write the summary (indented JSON)
     * \return false if it could not be written
     */
    bool WriteSummaryJson(const std::string& path) const;

    /**
     * \brief Records as text, to send from one MPI rank to another (PackRecords and
     * UnpackRecords are each other's inverse; doubles keep every bit).
     * \param records the records
     * \return one line per record, its fields separated by spaces, doubles in hexadecimal
     * floating point
     */
    static std::string PackRecords(const std::vector<OnlineRecord>& records);
    /**
     * \param text what PackRecords returned
     * \param[out] records the records are appended here
     * \return empty, or what was wrong with the text (the line and the field)
     */
    static std::string UnpackRecords(const std::string& text, std::vector<OnlineRecord>& records);
    /**
     * \brief A rank's part as text: a line of its figures, then PackRecords.
     * \param part the part
     * \return the text
     */
    static std::string PackRankPart(const OnlineRankPart& part);
    /**
     * \brief Add a rank's part, as PackRankPart wrote it, to the parts merged so far: the
     * records are appended, the policy's wall seconds summed, the report ages' mean weighted
     * by their counts and their largest kept.
     * \param text what PackRankPart returned
     * \param[in,out] merged the parts merged so far (a default OnlineRankPart to start)
     * \return empty, or what was wrong with the text
     */
    static std::string MergeRankPart(const std::string& text, OnlineRankPart& merged);

  private:
    /// Compute the summary.
    void Summarise(const PlanningProblem& problem);

    nlohmann::json m_names;              //!< site and model names by index (summary.json only)
    std::vector<OnlineRecord> m_records; //!< decisions
    OnlineRunInfo m_info;                //!< run description
    nlohmann::json m_summary;            //!< summary
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_ONLINE_REPORT_H */
