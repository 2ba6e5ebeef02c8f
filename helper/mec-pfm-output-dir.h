/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_MEC_PFM_OUTPUT_DIR_H
#define MEC_PFM_MEC_PFM_OUTPUT_DIR_H

#include <string>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief The --out folder of a run, which never holds a half-written run or two runs' files.
 *
 * Open checks the folder before anything is simulated and creates a temporary sibling,
 * DIR.part-PID, that the run writes everything into; Commit renames it into place. A folder
 * holds a run's results if it has the marker file .mec-pfm-run (Commit writes it) or one of
 * summary.json, requests.csv, decisions.csv, compare.csv (runs from before the marker):
 * such a folder is replaced as a whole only with force, and a non-empty folder that holds
 * no run is never replaced. Until Commit, SIGINT, SIGTERM, SIGHUP and SIGABRT (those not
 * ignored when Open was called: nohup's SIGHUP stays ignored) remove the temporary folder
 * before the process dies of the signal, and so does the destructor: a run that fails or
 * is killed leaves the previous results as they were.
 */
class MecPfmOutputDir
{
  public:
    /** \brief No folder open: GetPath() is "" until Open. */
    MecPfmOutputDir() = default;
    /** \brief Remove the temporary folder unless committed. */
    ~MecPfmOutputDir();
    MecPfmOutputDir(const MecPfmOutputDir&) = delete;            //!< one owner
    MecPfmOutputDir& operator=(const MecPfmOutputDir&) = delete; //!< one owner

    /**
     * \brief Check that dir can take the run's results and create the temporary folder.
     * \param dir the --out folder; "" = the run writes nothing (Open does nothing)
     * \param force replace a folder that holds another run's results
     * \return "" or why not, a message that starts with "--out: "
     */
    std::string Open(const std::string& dir, bool force);
    /** \return the folder to write into (the temporary one); "" without an --out folder */
    const std::string& GetPath() const;
    /**
     * \brief Write the marker and rename the temporary folder into place (replacing the
     * previous run's folder if Open was given force).
     * \return "" or why not (the results then stay in the temporary folder, named)
     */
    std::string Commit();
    /**
     * \param dir a folder
     * \return the name of the file that makes dir a run's folder, or ""
     */
    static std::string FindRunFile(const std::string& dir);

    static const char* const MARKER; //!< ".mec-pfm-run"

  private:
    /**
     * \param dir the --out folder, without trailing '/'
     * \return "" or why dir cannot take the results
     */
    std::string CheckTarget(const std::string& dir) const;
    /** \brief Catch the signals that would leave the temporary folder behind. */
    void InstallHandlers();
    /** \brief Give the signals back their previous handlers. */
    void RestoreHandlers();
    /** \brief Remove the temporary folder and give the signals back. */
    void Discard();

    std::string m_dir;      //!< the --out folder
    std::string m_part;     //!< the temporary folder ("" = none open)
    bool m_force{false};    //!< replace a previous run's folder
    bool m_handlers{false}; //!< signal handlers installed
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_MEC_PFM_OUTPUT_DIR_H */
