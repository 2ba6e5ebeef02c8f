/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mec-pfm-output-dir.h"

#include "ns3/log.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("MecPfmOutputDir");

const char* const MecPfmOutputDir::MARKER = ".mec-pfm-run";

namespace
{

namespace fs = std::filesystem;

const int g_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGABRT}; //!< what the handler catches
struct sigaction g_previous[4];                             //!< their handlers before Open
int g_parentFd = -1;                                        //!< the temporary folder's parent
int g_partFd = -1;                                          //!< the temporary folder
char g_partName[4096];                                      //!< its name within the parent

/// One entry of getdents64 (the kernel's struct linux_dirent64).
struct Dirent64
{
    uint64_t ino;          //!< inode
    int64_t off;           //!< offset of the next entry
    unsigned short reclen; //!< length of this entry
    unsigned char type;    //!< file type
    char name[1];          //!< NUL-terminated name
};

/**
 * \brief Empty a folder with async-signal-safe calls only (the signal may arrive anywhere,
 * also inside malloc: no opendir, no std::filesystem here).
 * \param fd the folder, opened O_DIRECTORY
 */
void
EmptyFolder(int fd)
{
    char buf[4096];
    for (bool removed = true; removed;)
    {
        removed = false;
        lseek(fd, 0, SEEK_SET);
        for (long n; (n = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0;)
        {
            for (long at = 0; at < n;)
            {
                const auto* d = reinterpret_cast<const Dirent64*>(buf + at);
                at += d->reclen;
                if (std::strcmp(d->name, ".") == 0 || std::strcmp(d->name, "..") == 0)
                {
                    continue;
                }
                if (unlinkat(fd, d->name, 0) != 0 && errno == EISDIR)
                {
                    int sub = openat(fd, d->name, O_RDONLY | O_DIRECTORY);
                    if (sub >= 0)
                    {
                        EmptyFolder(sub);
                        close(sub);
                    }
                    unlinkat(fd, d->name, AT_REMOVEDIR);
                }
                removed = true;
            }
        }
    }
}

/**
 * \brief The handler of SIGINT, SIGTERM, SIGHUP, SIGABRT while a run writes: remove the
 * temporary folder, then die of the signal as the process would have without the handler.
 * \param sig the signal
 */
void
OnSignal(int sig)
{
    if (g_partFd >= 0)
    {
        EmptyFolder(g_partFd);
        unlinkat(g_parentFd, g_partName, AT_REMOVEDIR);
        const char msg[] = "interrupted: the run's unfinished output folder was removed\n";
        [[maybe_unused]] ssize_t w = write(2, msg, sizeof(msg) - 1);
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

/**
 * \param p a path
 * \return p quoted for a message
 */
std::string
Quote(const fs::path& p)
{
    return "\"" + p.string() + "\"";
}

} // namespace

MecPfmOutputDir::~MecPfmOutputDir()
{
    Discard();
}

std::string
MecPfmOutputDir::FindRunFile(const std::string& dir)
{
    for (const char* f : {MARKER, "summary.json", "requests.csv", "decisions.csv", "compare.csv"})
    {
        std::error_code ec;
        if (fs::exists(fs::path(dir) / f, ec))
        {
            return f;
        }
    }
    return "";
}

std::string
MecPfmOutputDir::CheckTarget(const std::string& dir) const
{
    // A regular file where a folder of the path should be: name it.
    fs::path prefix;
    for (const auto& part : fs::path(dir))
    {
        prefix /= part;
        std::error_code ec;
        auto st = fs::status(prefix, ec);
        if (!fs::exists(st))
        {
            break;
        }
        if (!fs::is_directory(st))
        {
            return "--out: " + Quote(prefix) + " exists and is not a folder";
        }
    }
    std::error_code ec;
    if (!fs::exists(dir, ec) || fs::is_empty(dir, ec))
    {
        return "";
    }
    const std::string run = FindRunFile(dir);
    if (run.empty())
    {
        return "--out: " + Quote(dir) +
               " is not empty and holds no mec-pfm run's results (no .mec-pfm-run, "
               "summary.json, requests.csv, decisions.csv or compare.csv): give a new or "
               "empty folder";
    }
    if (!m_force)
    {
        return "--out: " + Quote(dir) + " holds another run's results (" + run +
               "); --force=1 replaces the whole folder";
    }
    return "";
}

std::string
MecPfmOutputDir::Open(const std::string& dir, bool force)
{
    NS_LOG_FUNCTION(this << dir << force);
    Discard();
    m_dir = dir;
    while (m_dir.size() > 1 && m_dir.back() == '/')
    {
        m_dir.pop_back();
    }
    m_force = force;
    if (m_dir.empty())
    {
        return "";
    }
    if (m_dir == "/" || m_dir == "." || m_dir == "..")
    {
        return "--out: " + Quote(m_dir) + " cannot be a run's folder (it is replaced as a whole)";
    }
    if (std::string bad = CheckTarget(m_dir); !bad.empty())
    {
        return bad;
    }
    const fs::path parent =
        fs::path(m_dir).parent_path().empty() ? fs::path(".") : fs::path(m_dir).parent_path();
    std::error_code ec;
    if (!fs::create_directories(parent, ec) && ec)
    {
        return "--out: cannot create " + Quote(parent) + ": " + ec.message();
    }
    const std::string part = m_dir + ".part-" + std::to_string(getpid());
    fs::remove_all(part, ec); // a folder a killed process of the same id left
    if (mkdir(part.c_str(), 0755) != 0)
    {
        return "--out: cannot create a folder in " + Quote(parent) + ": " + std::strerror(errno);
    }
    m_part = part;
    InstallHandlers();
    return "";
}

const std::string&
MecPfmOutputDir::GetPath() const
{
    return m_part;
}

void
MecPfmOutputDir::InstallHandlers()
{
    const fs::path part(m_part);
    const std::string parent =
        part.parent_path().empty() ? std::string(".") : part.parent_path().string();
    const std::string name = part.filename().string();
    if (name.size() >= sizeof(g_partName))
    {
        return;
    }
    std::memcpy(g_partName, name.c_str(), name.size() + 1);
    g_parentFd = open(parent.c_str(), O_RDONLY | O_DIRECTORY);
    g_partFd = open(m_part.c_str(), O_RDONLY | O_DIRECTORY);
    struct sigaction sa;
    std::memset(&sa, 0, sizeof(sa));
    sa.sa_handler = &OnSignal;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < 4; ++i)
    {
        sigaction(g_signals[i], nullptr, &g_previous[i]);
        // An ignored signal stays ignored: nohup's SIGHUP, or SIGINT of a background job.
        if (g_previous[i].sa_handler != SIG_IGN)
        {
            sigaction(g_signals[i], &sa, nullptr);
        }
    }
    m_handlers = true;
}

void
MecPfmOutputDir::RestoreHandlers()
{
    if (!m_handlers)
    {
        return;
    }
    for (size_t i = 0; i < 4; ++i)
    {
        sigaction(g_signals[i], &g_previous[i], nullptr);
    }
    for (int* fd : {&g_partFd, &g_parentFd})
    {
        if (*fd >= 0)
        {
            close(*fd);
            *fd = -1;
        }
    }
    m_handlers = false;
}

void
MecPfmOutputDir::Discard()
{
    if (m_part.empty())
    {
        return;
    }
    RestoreHandlers();
    std::error_code ec;
    fs::remove_all(m_part, ec);
    m_part.clear();
}

std::string
MecPfmOutputDir::Commit()
{
    NS_LOG_FUNCTION(this);
    if (m_part.empty())
    {
        return "";
    }
    std::ofstream(fs::path(m_part) / MARKER)
        << "results of one mec-pfm run; a run with --force=1 replaces this folder as a whole\n";
    // No signal between the renames: the folder is either the old run's or the new one's.
    sigset_t block;
    sigset_t old;
    sigemptyset(&block);
    for (int s : g_signals)
    {
        sigaddset(&block, s);
    }
    sigprocmask(SIG_BLOCK, &block, &old);
    std::string error;
    std::error_code ec;
    const std::string previous = m_dir + ".old-" + std::to_string(getpid());
    const bool replace = fs::exists(m_dir, ec) && !fs::is_empty(m_dir, ec);
    if (replace && (!m_force || FindRunFile(m_dir).empty()))
    {
        error = "--out: " + Quote(m_dir) + " was filled by another process during the run";
    }
    else if (replace && std::rename(m_dir.c_str(), previous.c_str()) != 0)
    {
        error = "--out: cannot move " + Quote(m_dir) + " aside: " + std::strerror(errno);
    }
    else if (std::rename(m_part.c_str(), m_dir.c_str()) != 0)
    {
        error =
            "--out: cannot rename the results into " + Quote(m_dir) + ": " + std::strerror(errno);
        if (replace)
        {
            std::rename(previous.c_str(), m_dir.c_str());
        }
    }
    RestoreHandlers();
    sigprocmask(SIG_SETMASK, &old, nullptr);
    if (!error.empty())
    {
        const std::string kept = m_part;
        m_part.clear();
        return error + "; the results are in " + Quote(kept);
    }
    m_part.clear();
    fs::remove_all(previous, ec);
    return "";
}

} // namespace mecpfm
} // namespace ns3
