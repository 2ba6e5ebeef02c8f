/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup mec-pfm
 * Child processes of mec-pfm-tool (tool-child.h).
 */

#include "tool-child.h"

#include <chrono>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

std::string
ToolSelfExe()
{
    char buf[4096];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
    if (n <= 0)
    {
        return "mec-pfm-tool";
    }
    buf[n] = 0;
    return buf;
}

namespace
{
/// \return the last non-empty line of text
std::string
LastLine(std::string text)
{
    while (!text.empty() && text.back() == '\n')
    {
        text.pop_back();
    }
    auto pos = text.rfind('\n');
    return pos == std::string::npos ? text : text.substr(pos + 1);
}
} // namespace

ChildResult
RunChildProcess(const std::string& exe,
                const std::vector<std::string>& args,
                const std::string& stderrFile)
{
    ChildResult out;
    int fd[2];
    if (pipe2(fd, O_CLOEXEC) != 0)
    {
        out.exitCode = -1;
        return out;
    }
    // argv is built before fork(): in a threaded parent the child must not allocate.
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(exe.c_str()));
    for (const auto& a : args)
    {
        argv.push_back(const_cast<char*>(a.c_str()));
    }
    argv.push_back(nullptr);
    auto t0 = std::chrono::steady_clock::now();
    pid_t pid = fork();
    if (pid == 0)
    {
        dup2(fd[1], 1);
        if (!stderrFile.empty())
        {
            int e = open(stderrFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            if (e >= 0)
            {
                dup2(e, 2);
            }
        }
        execvp(exe.c_str(), argv.data());
        _exit(127);
    }
    close(fd[1]);
    std::string text;
    char buf[65536];
    ssize_t n;
    while (pid > 0 && (n = read(fd[0], buf, sizeof(buf))) > 0)
    {
        text.append(buf, n);
    }
    close(fd[0]);
    int status = 0;

    struct rusage ru
    {
    };

    if (pid < 0 || wait4(pid, &status, 0, &ru) < 0)
    {
        out.exitCode = -1;
        return out;
    }
    out.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    out.maxRssMb = ru.ru_maxrss / 1024.0;
    out.cpu = static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
              (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1e-6;
    out.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    out.lastLine = LastLine(text);
    return out;
}
