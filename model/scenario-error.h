/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_SCENARIO_ERROR_H
#define MEC_PFM_SCENARIO_ERROR_H

#include <stdexcept>
#include <string>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief An error in an input file: which file, where in it (a JSON path such as
 * "/nodes/3/storage_bytes", a CSV line, a GraphML element) and why.
 *
 * what() is "FILE: WHERE: REASON", the message the tools print on stderr before exiting
 * with code 2.
 */
class ScenarioError : public std::runtime_error
{
  public:
    /**
     * \param file the file name as given by the user
     * \param where the location in the file (JSON path, "line N", element)
     * \param reason what was wrong
     */
    ScenarioError(const std::string& file, const std::string& where, const std::string& reason);
    /// \return the file
    const std::string& GetFile() const;
    /// \return the location in the file
    const std::string& GetWhere() const;
    /// \return the reason
    const std::string& GetReason() const;

  private:
    std::string m_file;   //!< file
    std::string m_where;  //!< location
    std::string m_reason; //!< reason
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_SCENARIO_ERROR_H */
