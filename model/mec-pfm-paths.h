/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_PATHS_H
#define MEC_PFM_PATHS_H

#include <string>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief Resolve a path to a file the module ships (scenarios/, data/).
 *
 * An absolute path, or one that exists relative to the working directory, is returned as
 * it is. Otherwise the path is tried relative to $MEC_PFM_DIR, then relative to the
 * module's source directory recorded at build time (so that examples find
 * "scenarios/geant-default.json" when run by ./mec-pfm, by ./ns3 run in an ns-3 tree, or
 * from any directory). If none exists the path is returned unchanged, and the reader that
 * opens it reports the missing file by name.
 * \param path the path as given
 * \return the path to open
 */
std::string MecPfmResolvePath(const std::string& path);

/// \return the module's source directory recorded at build time
std::string MecPfmSourceDir();

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_PATHS_H */
