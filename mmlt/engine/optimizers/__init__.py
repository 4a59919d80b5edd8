from .module_groups_constructor import ModuleGroupsOptimWrapperConstructor

__all__ = ['ModuleGroupsOptimWrapperConstructor']
