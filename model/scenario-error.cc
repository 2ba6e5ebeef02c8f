/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "scenario-error.h"

#include "ns3/log.h"

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("ScenarioError");

ScenarioError::ScenarioError(const std::string& file,
                             const std::string& where,
                             const std::string& reason)
    : std::runtime_error((file.empty() ? std::string("<input>") : file) +
                         (where.empty() ? std::string() : ": " + where) + ": " + reason),
      m_file(file),
      m_where(where),
      m_reason(reason)
{
}

const std::string&
ScenarioError::GetFile() const
{
    return m_file;
}

const std::string&
ScenarioError::GetWhere() const
{
    return m_where;
}

const std::string&
ScenarioError::GetReason() const
{
    return m_reason;
}

} // namespace mecpfm
} // namespace ns3
