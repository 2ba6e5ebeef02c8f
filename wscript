## -*- Mode: python; py-indent-offset: 4; indent-tabs-mode: nil; coding: utf-8; -*-
#
# mec-pfm for waf-based ns-3 (ns-3.35 and older): place this repository as
# contrib/mec-pfm and run `./waf configure --enable-tests --enable-examples` there.
#
# The source, header and test lists are not repeated here: they are read from
# CMakeLists.txt (mec_pfm_source_files, mec_pfm_header_files, mec_pfm_test_sources and
# the ${libXXX} entries of build_lib's LIBRARIES_TO_LINK), the command-line tool's from
# utils/CMakeLists.txt (mec_pfm_tool_sources) and the examples from the
# build_lib_example() calls of examples/CMakeLists.txt, so CMake stays the one place
# where files are listed.
#
# Third-party libraries (Debian 12: libglpk-dev, libboost-graph-dev, nlohmann-json3-dev):
# GLPK (ILP/LP planners), Boost.Graph (routing, GraphML), nlohmann-json (scenario and
# plan files). Without any of them the module is not built and configure says why.

import os
import re

MODULE = 'mec-pfm'
REQUIRED_BOOST_LIBS = ['graph']


def _read_cmake(path):
    """The text of a CMake file without its comments ('' if the file is absent)."""
    if not os.path.isfile(path):
        return ''
    lines = []
    with open(path, encoding='utf-8') as f:
        for line in f:
            # Comments: '#' outside a quoted string (our lists hold no quoted '#').
            out, quoted = [], False
            for ch in line:
                if ch == '"':
                    quoted = not quoted
                elif ch == '#' and not quoted:
                    break
                out.append(ch)
            lines.append(''.join(out))
    return '\n'.join(lines)


def _calls(text, command):
    """The argument token lists of each `command(...)` call in text (no nested parens)."""
    result = []
    for m in re.finditer(r'\b' + re.escape(command) + r'\s*\(([^()]*)\)', text, re.I):
        result.append(m.group(1).split())
    return result


def _cmake_list(text, name):
    """The items of `set(name item...)`."""
    for args in _calls(text, 'set'):
        if args and args[0] == name:
            return args[1:]
    raise RuntimeError('mec-pfm wscript: no set(%s ...) in CMakeLists.txt' % name)


def _keyword_args(args, keywords):
    """Split a build_lib-style argument list into {KEYWORD: [values]}."""
    result, current = {}, None
    for a in args:
        if a in keywords:
            current = a
            result.setdefault(a, [])
        elif current is not None:
            result[current].append(a)
    return result


def _ns3_deps(items):
    """'${libcore}' -> 'core'; other items (third-party libraries) are dropped."""
    deps = []
    for item in items:
        m = re.match(r'^\$\{lib([A-Za-z0-9_-]+)\}$', item)
        if m and m.group(1) != MODULE:
            deps.append(m.group(1))
    return deps


def _expand(items, list_dir, module_dir):
    """Expand ${mec_pfm_*} list references and make paths relative to the module."""
    out = []
    for item in items:
        item = item.replace('${CMAKE_CURRENT_LIST_DIR}', list_dir)
        item = item.replace('${CMAKE_CURRENT_SOURCE_DIR}', list_dir)
        if os.path.isabs(item):
            item = os.path.relpath(item, module_dir)
        out.append(item)
    return out


def _module_lists(module_dir):
    text = _read_cmake(os.path.join(module_dir, 'CMakeLists.txt'))
    lists = {
        'sources': _cmake_list(text, 'mec_pfm_source_files'),
        'headers': _cmake_list(text, 'mec_pfm_header_files'),
        'tests': _cmake_list(text, 'mec_pfm_test_sources'),
    }
    keywords = ['LIBNAME', 'SOURCE_FILES', 'HEADER_FILES', 'LIBRARIES_TO_LINK',
                'TEST_SOURCES']
    blib = _keyword_args(_calls(text, 'build_lib')[0], keywords)
    lists['deps'] = _ns3_deps(blib.get('LIBRARIES_TO_LINK', []))
    # WifiAccessNetwork: its own small library under CMake; here compiled into the wifi
    # example (the only program that uses it), whose wifi and mobility deps gate it.
    lists['wifi_sources'] = _cmake_list(text, 'mec_pfm_wifi_source_files')
    lists['wifi_headers'] = _cmake_list(text, 'mec_pfm_wifi_header_files')

    utils_dir = os.path.join(module_dir, 'utils')
    utext = _read_cmake(os.path.join(utils_dir, 'CMakeLists.txt'))
    lists['tool'] = []
    if utext:
        lists['tool'] = _expand(_cmake_list(utext, 'mec_pfm_tool_sources'), utils_dir,
                                module_dir)

    examples_dir = os.path.join(module_dir, 'examples')
    etext = _read_cmake(os.path.join(examples_dir, 'CMakeLists.txt'))
    lists['examples'] = []
    for args in _calls(etext, 'build_lib_example'):
        ex = _keyword_args(args, ['NAME', 'SOURCE_FILES', 'HEADER_FILES',
                                  'LIBRARIES_TO_LINK', 'IGNORE_PCH'])
        name = ex['NAME'][0]
        sources = [s if s.startswith('${') else os.path.join('examples', s)
                   for s in ex.get('SOURCE_FILES', [])]
        sources = _expand(sources, examples_dir, module_dir)
        lists['examples'].append((name, sources,
                                  [MODULE] + _ns3_deps(ex.get('LIBRARIES_TO_LINK', []))))
    return lists


def required_boost_libs(conf):
    conf.env['REQUIRED_BOOST_LIBS'] += REQUIRED_BOOST_LIBS


def configure(conf):
    missing = []
    if conf.missing_boost_libs(MODULE, 'mec-pfm: Boost.Graph', REQUIRED_BOOST_LIBS):
        missing.append('Boost.Graph (libboost-graph-dev)')
    if not conf.check_nonfatal(header_name='glpk.h', lib='glpk', uselib_store='GLPK',
                               features='cxx cxxprogram', msg='Checking for GLPK'):
        missing.append('GLPK (libglpk-dev)')
    if not conf.check_nonfatal(header_name='nlohmann/json.hpp', uselib_store='NLOHMANN_JSON',
                               features='cxx', msg='Checking for nlohmann-json'):
        missing.append('nlohmann-json (nlohmann-json3-dev)')
    conf.report_optional_feature('mec-pfm', 'mec-pfm (GLPK, Boost.Graph, nlohmann-json)',
                                 not missing, 'missing: ' + ', '.join(missing))
    if missing:
        if MODULE not in conf.env['MODULES_NOT_BUILT']:
            conf.env['MODULES_NOT_BUILT'].append(MODULE)
        return


def build(bld):
    if MODULE in bld.env['MODULES_NOT_BUILT']:
        return
    module_dir = bld.path.abspath()
    lists = _module_lists(module_dir)
    third_party = ['BOOST', 'GLPK', 'NLOHMANN_JSON']

    module = bld.create_ns3_module(MODULE, lists['deps'])
    module.source = lists['sources']
    module.use.extend(third_party)
    # Where MecPfmResolvePath() finds scenarios/ and data/ when run from elsewhere.
    module.defines = ['MEC_PFM_SOURCE_DIR="%s"' % module_dir]

    module_test = bld.create_ns3_module_test_library(MODULE)
    module_test.source = lists['tests']
    module_test.use.extend(third_party)

    headers = bld(features='ns3header')
    headers.module = MODULE
    headers.source = lists['headers']

    # The command-line tool (validate, plan, bench), like any other program.
    if lists['tool']:
        tool = bld.create_ns3_program('mec-pfm-tool', [MODULE] + lists['deps'])
        tool.source = lists['tool']
        tool.use.extend(third_party)

    have_wifi = all('ns3-' + m in bld.env['NS3_ENABLED_MODULES'] for m in ('wifi', 'mobility'))
    if have_wifi:
        wifi_headers = bld(features='ns3header')
        wifi_headers.module = MODULE
        wifi_headers.source = lists['wifi_headers']

    if bld.env['ENABLE_EXAMPLES']:
        for name, sources, deps in lists['examples']:
            if name == 'mec-pfm-wifi':
                if not have_wifi:
                    continue
                sources = sources + lists['wifi_sources']
            obj = bld.create_ns3_program(name, deps)
            obj.source = sources
            obj.use.extend(third_party)

    bld.ns3_python_bindings()
