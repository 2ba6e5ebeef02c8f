/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mec-pfm-paths.h"

#include <cstdlib>
#include <fstream>

#ifndef MEC_PFM_SOURCE_DIR
#define MEC_PFM_SOURCE_DIR "."
#endif

namespace ns3
{
namespace mecpfm
{

namespace
{
/// \return true if a file can be opened for reading
bool
Readable(const std::string& p)
{
    std::ifstream f(p);
    return f.good();
}
} // namespace

std::string
MecPfmSourceDir()
{
    return MEC_PFM_SOURCE_DIR;
}

std::string
MecPfmResolvePath(const std::string& path)
{
    if (path.empty() || path[0] == '/' || Readable(path))
    {
        return path;
    }
    if (const char* env = std::getenv("MEC_PFM_DIR"))
    {
        std::string p = std::string(env) + "/" + path;
        if (Readable(p))
        {
            return p;
        }
    }
    std::string p = MecPfmSourceDir() + "/" + path;
    if (Readable(p))
    {
        return p;
    }
    return path;
}

} // namespace mecpfm
} // namespace ns3
