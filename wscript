## -*- Mode: python; py-indent-offset: 4; indent-tabs-mode: nil; coding: utf-8; -*-
#
# mec-pfm for waf-based ns-3 (ns-3.35 and older): place this repository as
# contrib/mec-pfm and run `./waf configure --enable-tests --enable-examples` there.
#
# As in CMake, two ns-3 modules come out of this one directory: mec-pfm-core (the planning
# core: ns-3 core, GLPK, Boost.Graph, nlohmann-json) and mec-pfm (the simulation, which uses
# mec-pfm-core and ns-3's network modules), each with its test library; mec-pfm-tool uses the
# core only.
#
# Nothing is listed twice: each build_lib() call of CMakeLists.txt becomes a module (its
# LIBNAME, the source, header and test lists it names, and its ns-3 dependencies: the
# ${libXXX} entries of LIBRARIES_TO_LINK, and ${var} entries where CMakeLists.txt says
# set(var libNAME) for a library of this directory); the command-line tool comes from
# utils/CMakeLists.txt (mec_pfm_tool_sources and its build_lib_example() call), the examples
# from the build_lib_example() calls of examples/CMakeLists.txt.
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


def _library_variables(text):
    """{'${var}': 'NAME'} for each set(var libNAME): a library of this directory named by a
    variable (CMakeLists.txt explains why mec-pfm-core is named so)."""
    result = {}
    for args in _calls(text, 'set'):
        if len(args) == 2 and re.match(r'^lib[A-Za-z0-9_-]+$', args[1]):
            result['${%s}' % args[0]] = args[1][len('lib'):]
    return result


def _ns3_deps(items, own):
    """'${libcore}' -> 'core', an entry of own -> its library; other items (third-party
    libraries) are dropped."""
    deps = []
    for item in items:
        m = re.match(r'^\$\{lib([A-Za-z0-9_-]+)\}$', item)
        name = m.group(1) if m else own.get(item)
        if name and name not in deps:
            deps.append(name)
    return deps


def _expand(items, list_dir, module_dir):
    """Make paths relative to the module."""
    out = []
    for item in items:
        item = item.replace('${CMAKE_CURRENT_LIST_DIR}', list_dir)
        item = item.replace('${CMAKE_CURRENT_SOURCE_DIR}', list_dir)
        if os.path.isabs(item):
            item = os.path.relpath(item, module_dir)
        out.append(item)
    return out


def _files(text, items):
    """Expand ${list} references to the items of set(list ...)."""
    out = []
    for item in items:
        m = re.match(r'^\$\{([A-Za-z0-9_]+)\}$', item)
        out.extend(_cmake_list(text, m.group(1)) if m else [item])
    return out


def _module_lists(module_dir):
    text = _read_cmake(os.path.join(module_dir, 'CMakeLists.txt'))
    own = _library_variables(text)
    keywords = ['LIBNAME', 'SOURCE_FILES', 'HEADER_FILES', 'LIBRARIES_TO_LINK',
                'TEST_SOURCES']
    lists = {'libraries': []}
    for args in _calls(text, 'build_lib'):
        blib = _keyword_args(args, keywords)
        name = blib['LIBNAME'][0]
        lists['libraries'].append({
            'name': name,
            'sources': _files(text, blib.get('SOURCE_FILES', [])),
            'headers': _files(text, blib.get('HEADER_FILES', [])),
            'tests': _files(text, blib.get('TEST_SOURCES', [])),
            'deps': [d for d in _ns3_deps(blib.get('LIBRARIES_TO_LINK', []), own) if d != name],
        })
    if not lists['libraries']:
        raise RuntimeError('mec-pfm wscript: no build_lib() call in CMakeLists.txt')
    # WifiAccessNetwork: its own small library under CMake; here compiled into the wifi
    # example (the only program that uses it), whose wifi and mobility deps gate it.
    lists['wifi_sources'] = _cmake_list(text, 'mec_pfm_wifi_source_files')
    lists['wifi_headers'] = _cmake_list(text, 'mec_pfm_wifi_header_files')
    # LteAccessNetwork likewise, compiled into the LTE example (its suite is CMake-only).
    lists['lte_sources'] = _cmake_list(text, 'mec_pfm_lte_source_files')
    lists['lte_headers'] = _cmake_list(text, 'mec_pfm_lte_header_files')

    example_keywords = ['NAME', 'SOURCE_FILES', 'HEADER_FILES', 'LIBRARIES_TO_LINK',
                        'IGNORE_PCH']
    utils_dir = os.path.join(module_dir, 'utils')
    utext = _read_cmake(os.path.join(utils_dir, 'CMakeLists.txt'))
    lists['tool'] = None
    if utext:
        tool = _keyword_args(_calls(utext, 'build_lib_example')[0], example_keywords)
        lists['tool'] = (_expand(_cmake_list(utext, 'mec_pfm_tool_sources'), utils_dir,
                                 module_dir),
                         _ns3_deps(tool.get('LIBRARIES_TO_LINK', []), own))

    examples_dir = os.path.join(module_dir, 'examples')
    etext = _read_cmake(os.path.join(examples_dir, 'CMakeLists.txt'))
    lists['examples'] = []
    for args in _calls(etext, 'build_lib_example'):
        ex = _keyword_args(args, example_keywords)
        name = ex['NAME'][0]
        sources = [s if s.startswith('${') else os.path.join('examples', s)
                   for s in ex.get('SOURCE_FILES', [])]
        sources = _expand(sources, examples_dir, module_dir)
        # ns-3's build_lib_example() links the module (mec-pfm) itself.
        deps = [MODULE] + [d for d in _ns3_deps(ex.get('LIBRARIES_TO_LINK', []), own)
                           if d != MODULE]
        lists['examples'].append((name, sources, deps))
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
    names = [lib['name'] for lib in lists['libraries']]

    def with_own_deps(deps):
        # waf links a program with the libraries it names, not with theirs: a program or
        # module that uses mec-pfm also names mec-pfm-core.
        out = list(deps)
        for lib in lists['libraries']:
            if lib['name'] in out:
                out += [d for d in lib['deps'] if d in names and d not in out]
        return out

    for lib in lists['libraries']:
        name = lib['name']
        if name != MODULE and 'ns3-' + name not in bld.env['NS3_CONTRIBUTED_MODULES']:
            # ns-3's top wscript knows the modules of contrib/ by their directory only:
            # register the extra library, so that a module that depends on it enables it.
            bld.env.append_value('NS3_CONTRIBUTED_MODULES', ['ns3-' + name])
        module = bld.create_ns3_module(name, with_own_deps(lib['deps']))
        module.source = lib['sources']
        module.use.extend(third_party)
        # Where MecPfmResolvePath() finds scenarios/ and data/ when run from elsewhere.
        module.defines = ['MEC_PFM_SOURCE_DIR="%s"' % module_dir]

        if lib['tests']:
            module_test = bld.create_ns3_module_test_library(name)
            module_test.source = lib['tests']
            module_test.use.extend(third_party)

        headers = bld(features='ns3header')
        headers.module = name
        headers.source = lib['headers']
        if name != MODULE:
            # ns-3's contrib wscript writes <directory>-module.h only; this one's task
            # generator must come after the headers' (it reads what they set up).
            modheader = bld(features='ns3moduleheader')
            modheader.module = name

    # The command-line tool (validate, plan, bench), like any other program.
    if lists['tool']:
        sources, deps = lists['tool']
        tool = bld.create_ns3_program('mec-pfm-tool', with_own_deps(deps))
        tool.source = sources
        tool.use.extend(third_party)

    have_wifi = all('ns3-' + m in bld.env['NS3_ENABLED_MODULES'] for m in ('wifi', 'mobility'))
    if have_wifi:
        wifi_headers = bld(features='ns3header')
        wifi_headers.module = MODULE
        wifi_headers.source = lists['wifi_headers']

    have_lte = all('ns3-' + m in bld.env['NS3_ENABLED_MODULES']
                   for m in ('lte', 'mobility', 'netanim'))
    if have_lte:
        lte_headers = bld(features='ns3header')
        lte_headers.module = MODULE
        lte_headers.source = lists['lte_headers']

    if bld.env['ENABLE_EXAMPLES']:
        for name, sources, deps in lists['examples']:
            if name == 'mec-pfm-wifi':
                if not have_wifi:
                    continue
            # The MPI example needs ns-3's mpi module (./waf configure --enable-mpi).
            if name == 'mec-pfm-geant-mpi' and 'ns3-mpi' not in bld.env['NS3_ENABLED_MODULES']:
                continue
                sources = sources + lists['wifi_sources']
            if name == 'mec-pfm-lte':
                if not have_lte:
                    continue
                sources = sources + lists['lte_sources']
            obj = bld.create_ns3_program(name, with_own_deps(deps))
            obj.source = sources
            obj.use.extend(third_party)

    bld.ns3_python_bindings()
