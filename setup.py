"""Install mmlt, the long-tailed recognition plugin for mmpretrain."""
import os
import os.path as osp

from setuptools import find_packages, setup

HERE = osp.dirname(osp.abspath(__file__))


def read_requirements(name):
    """Requirement lines of ``requirements/<name>.txt``, comments dropped."""
    with open(osp.join(HERE, 'requirements', name)) as f:
        lines = (line.split('#')[0].strip() for line in f)
        return [line for line in lines if line]


def read_version():
    scope = {}
    with open(osp.join(HERE, 'mmlt', 'version.py')) as f:
        exec(f.read(), scope)
    return scope['__version__']


def install_requires():
    """Runtime requirements; mmcv-lite unless a full mmcv is to be kept."""
    requires = read_requirements('runtime.txt')
    if os.environ.get('MMLT_SKIP_MMCV_LITE', '0') != '1':
        requires += read_requirements('mmcv.txt')
    return requires


setup(
    name='mmlt',
    version=read_version(),
    description='Long-tailed recognition toolbox for mmpretrain',
    long_description=open(osp.join(HERE, 'README.md')).read(),
    long_description_content_type='text/markdown',
    packages=find_packages(include=['mmlt', 'mmlt.*']),
    python_requires='>=3.9',
    install_requires=install_requires(),
    extras_require={'tests': read_requirements('tests.txt')},
    license='Apache License 2.0',
)
